"""Checks shared by the charity services: whole quantities, recorded cash, permissions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gongzhi.charity.permissions import can_on_drive

MAX_QUANTITY = 1_000_000
MAX_CASH = Decimal("9999999999.99")


def actor_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def whole_quantity(value, field: str, label: str | None = None) -> int:
    """A whole number of items from 1 to MAX_QUANTITY, or a ValidationError naming the field.

    Accepts ints and strings of digits; refuses booleans, fractions, zero and negatives.
    """
    name = label or field
    error = ValidationError(
        {
            field: _("%(field)s: enter a whole number of items from 1 to %(max)d.")
            % {"field": name, "max": MAX_QUANTITY}
        }
    )
    if isinstance(value, bool):
        raise error
    if isinstance(value, str):
        text = value.strip()
        if not text.isdigit() or not text.isascii():
            raise error
        value = int(text)
    elif isinstance(value, float | Decimal):
        if value != value or value % 1 != 0:  # NaN or a fraction
            raise error
        value = int(value)
    if not isinstance(value, int) or not 1 <= value <= MAX_QUANTITY:
        raise error
    return value


def cash_amount(value, field: str, label: str | None = None) -> Decimal:
    """A positive amount of yuan with at most two decimal places, or a ValidationError."""
    name = label or field
    error = ValidationError(
        {
            field: _("%(field)s: enter an amount in yuan above 0 with at most two decimals.")
            % {"field": name}
        }
    )
    if isinstance(value, bool) or value is None:
        raise error
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise error from exc
    if not amount.is_finite() or amount <= 0 or amount > MAX_CASH:
        raise error
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise error
    return amount.quantize(Decimal("0.01"))


def require_on_drive(actor, permission: str, drive) -> None:
    """``actor=None`` is the system (the demo, imports); people need the permission."""
    if actor is not None and not can_on_drive(actor, permission, drive):
        raise PermissionDenied(_("You may not do this for this drive."))


def clean_text(value, field: str, maximum: int, *, required: bool = False, label=None) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("%(field)s is required.") % {"field": label or field}})
    if len(text) > maximum:
        raise ValidationError(
            {
                field: _("%(field)s is too long (at most %(n)d characters).")
                % {"field": label or field, "n": maximum}
            }
        )
    return text
