"""Small helpers shared by the charity views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect

from gongzhi.charity.models import Delivery, Drive
from gongzhi.charity.permissions import VIEW, can_on_drive, can_sign_off
from gongzhi.org.access import get_for


def refuse(request, exc, to: str, *args):
    """Show a service's refusal as a message and go back."""
    denied = isinstance(exc, PermissionDenied)
    text = (str(exc) or "403") if denied else " ".join(exc.messages)
    messages.error(request, text)
    return redirect(to, *args)


def add_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def drive_for(request, pk: int, permission: str = VIEW) -> Drive:
    """A drive the user may act on with ``permission``; 404 alike for missing and forbidden."""
    drive = get_for(
        request.user, Drive.objects.select_related("node", "organisation").distinct(), pk=pk
    )
    if not can_on_drive(request.user, permission, drive):
        raise Http404
    return drive


def delivery_for(request, pk: int) -> Delivery:
    """A delivery the user may work on (its volunteers, those who deliver); else 404."""
    queryset = Delivery.objects.select_related(
        "drive", "drive__node", "node", "place", "activity", "assistance_file"
    ).distinct()
    delivery = get_for(request.user, queryset, pk=pk)
    if not can_sign_off(request.user, delivery):
        raise Http404
    return delivery
