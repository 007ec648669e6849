"""Small helpers the case views share: who sees the staff page, service errors on forms."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.services.common import acts_for_party
from gongzhi.org.access import can, user_scope

QUEUE_LABELS = {
    "mine": _("My cases"),
    "grid": _("My grids"),
    "awaiting_acceptance": _("To accept"),
    "awaiting_dispatch": _("To dispatch"),
    "in_progress": _("In progress"),
    "overdue": _("Overdue"),
    "awaiting_verification": _("To verify"),
    "parked": _("Parked"),
    "followup": _("Follow-up calls"),
    "all": _("All cases"),
    "reported_by_me": _("Reported by me"),
}

# Service error keys that belong to another form field.
FIELD_ALIASES = {"lon": "lat", "crs": "lat", "location": "lat", "reported_at": None}


def holds_anywhere(user, permission: str) -> bool:
    """Does ``user`` hold ``permission`` on any node?"""
    scope = user_scope(user)
    return scope.is_global or bool(scope.paths_for(permission))


def require_anywhere(user, permission: str) -> None:
    if not holds_anywhere(user, permission):
        raise PermissionDenied(permission)


def works_on(user, case) -> bool:
    """Does ``user`` see the case as staff or as its handler (not just as its reporter)?"""
    if getattr(user, "is_superuser", False):
        return True
    return (
        can(user, perms.VIEW, case.node)
        or acts_for_party(user, case, perms.HANDLE)
        or acts_for_party(user, case, perms.COMMENT)
    )


def put_errors_on_form(form, exc: ValidationError, *, extra: dict | None = None) -> None:
    """Put a service's errors on the form: each on its field when the form has it, answers to
    the category's questions into ``extra`` (``{code: [messages]}``), the rest on the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, messages in exc.message_dict.items():
        if key.startswith("answers.") and extra is not None:
            extra.setdefault(key.split(".", 1)[1], []).extend(messages)
            continue
        name = FIELD_ALIASES.get(key, key)
        if name in form.fields:
            form.add_error(name, messages)
        else:
            form.add_error(None, messages)
