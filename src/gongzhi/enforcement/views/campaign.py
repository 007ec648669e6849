"""回头看: the checklist of demolished sites due for re-inspection, and one revisit's form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongzhi.enforcement import forms, services
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.selectors import campaign as selectors
from gongzhi.enforcement.services.common import is_allowed
from gongzhi.enforcement.views.common import run_service

WINDOWS = (7, 30, 90)


@login_required
@require_GET
def campaign(request):
    try:
        within = int(request.GET.get("within", "7"))
    except ValueError:
        within = 7
    within = within if within in WINDOWS else 7
    revisits = list(selectors.revisits_due(request.user, within_days=within))
    today = timezone.localdate()
    for revisit in revisits:
        revisit.overdue = revisit.due_on < today
    return render(
        request,
        "enforcement/campaign.html",
        {"revisits": revisits, "within": within, "windows": WINDOWS, "today": today},
    )


@login_required
def revisit(request, pk):
    item = selectors.revisit_for(request.user, pk)
    if not is_allowed(request.user, perms.REVISIT, item.record.node):
        raise PermissionDenied
    form = forms.RevisitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_service(
            request,
            form,
            lambda: services.structure_record_revisit(
                revisit=item,
                actor=request.user,
                relapsed=data["relapsed"],
                note=data["note"],
                photos=data["photos"],
                area_found=data["area_found"],
            ),
        )
        if done is not None:
            if done.relapse_record_id:
                messages.warning(
                    request,
                    _("Built again: new record %(ref)s opened.")
                    % {"ref": done.relapse_record.reference},
                )
            else:
                messages.success(request, _("Revisit recorded."))
            return redirect("enforcement:campaign")
    return render(
        request,
        "enforcement/revisit_form.html",
        {"revisit": item, "record": item.record, "form": form},
        status=400 if form.errors else 200,
    )
