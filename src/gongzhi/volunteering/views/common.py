"""Small helpers shared by the volunteering views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect

from gongzhi.org.access import get_for
from gongzhi.volunteering.models import Activity
from gongzhi.volunteering.permissions import can_lead


def refuse(request, exc: ValidationError, to: str, *args):
    """Show a service's refusal as a message and go back."""
    messages.error(request, " ".join(exc.messages))
    return redirect(to, *args)


def add_form_errors(form, exc: ValidationError) -> None:
    """Put a service's field errors on the form's fields (or on the form itself)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def led_activity(request, pk: int) -> Activity:
    """The activity if the user may run it; 404 alike for missing and forbidden."""
    queryset = Activity.objects.select_related("team", "node", "venue")
    activity = get_for(request.user, queryset, pk=pk)
    if not can_lead(request.user, activity):
        raise Http404
    return activity
