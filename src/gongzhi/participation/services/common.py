"""What every participation service shares: the state guard, the row lock, text checks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gongzhi.org.access import can


def lock(model, pk, *related):
    """The row ``pk`` of ``model``, locked until the transaction ends."""
    queryset = model.objects.select_for_update(of=("self",))
    if related:
        queryset = queryset.select_related(*related)
    return queryset.get(pk=pk)


def guard(table: dict, current: str, target: str, *, labels) -> None:
    """Refuse a transition that ``table`` does not allow, naming both states."""
    if target not in table.get(current, set()):
        raise ValidationError(
            {
                "state": _("Cannot go from “%(old)s” to “%(new)s”.")
                % {"old": labels(current).label, "new": labels(target).label}
            },
            code="state",
        )


def require(actor, permission: str, node) -> None:
    """``actor=None`` is the system (the demo, the sweep); people need the permission."""
    if actor is None:
        return
    if not getattr(actor, "is_authenticated", False) or not can(actor, permission, node):
        raise PermissionDenied(_("You may not do this here."))


def text(value, *, field: str, max_length: int, required: bool = True, label=None) -> str:
    value = (value or "").strip() if isinstance(value, str) else ""
    if required and not value:
        raise ValidationError({field: label or _("This field is required.")})
    if len(value) > max_length:
        raise ValidationError({field: _("At most %(n)d characters, please.") % {"n": max_length}})
    return value


def percent(value, *, field: str = "percent") -> int:
    if isinstance(value, bool):
        raise ValidationError({field: _("Enter a whole number from 0 to 100.")})
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("Enter a whole number from 0 to 100.")}) from exc
    if not 0 <= number <= 100:
        raise ValidationError({field: _("Enter a whole number from 0 to 100.")})
    return number


def user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
