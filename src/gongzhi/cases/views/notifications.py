"""A user's notifications in the site: the list, opening one, marking them read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongzhi.cases.models import Notification
from gongzhi.cases.selectors import notifications_for
from gongzhi.cases.services import notification_mark_read
from gongzhi.cases.services.notifications import notification_text


@login_required
def notification_list(request):
    """The latest notifications, unread first marked."""
    items = [
        {"n": n, "text": notification_text(n.verb, n.data)} for n in notifications_for(request.user)
    ]
    return render(request, "cases/notifications.html", {"items": items})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one notification read and go to its case."""
    notification = get_object_or_404(
        Notification.objects.select_related("case"), pk=pk, user=request.user
    )
    notification_mark_read(user=request.user, ids=[notification.pk])
    if notification.case_id:
        return redirect(notification.case.get_absolute_url())
    return redirect("cases:notifications")


@login_required
@require_POST
def notifications_read(request):
    """Mark all of the user's notifications read."""
    notification_mark_read(user=request.user)
    return redirect("cases:notifications")
