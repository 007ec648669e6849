"""Cleaning service input: each check raises ``ValidationError`` naming the field."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.enforcement.models import MAX_AREA

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{2,18}[0-9]$")
TEXT_MAX = 4000


def text(value, field: str, *, max_length: int = TEXT_MAX, required: bool = False) -> str:
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > max_length:
        raise ValidationError({field: _("At most %(n)d characters, please.") % {"n": max_length}})
    return value


def phone(value, field: str = "party_phone") -> str:
    value = text(value, field, max_length=20)
    if value and not _PHONE.match(value):
        raise ValidationError({field: _("Enter a phone number (digits only).")})
    return value


def area(value, field: str, *, required: bool = True) -> Decimal | None:
    """An area in m²: a number above 0 and at most ``MAX_AREA``, kept to 0.01 m²."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError({field: _("Give the area in square metres.")})
        return None
    if isinstance(value, bool):
        raise ValidationError({field: _("Enter a number of square metres.")})
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Enter a number of square metres.")}) from exc
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number of square metres.")})
    if number <= 0:
        raise ValidationError({field: _("The area must be more than 0 m².")})
    if number > MAX_AREA:
        raise ValidationError(
            {field: _("%(max)s m² at most: check the measurement.") % {"max": MAX_AREA}}
        )
    quantised = number.quantize(Decimal("0.01"))
    if quantised != number:
        raise ValidationError({field: _("At most two decimal places, please.")})
    return quantised


def choice(value, field: str, choices) -> str:
    value = "" if value is None else str(value).strip()
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the listed options.")})
    return value


def date(value, field: str, *, not_after_today: bool = False, required: bool = True):
    """A date (or an ISO string); optionally not in the future."""
    if value in (None, ""):
        if required:
            raise ValidationError({field: _("Give a date.")})
        return None
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValidationError({field: _("Enter a date such as 2026-07-19.")}) from exc
    if not isinstance(value, dt.date):
        raise ValidationError({field: _("Enter a date such as 2026-07-19.")})
    if not_after_today and value > timezone.localdate():
        raise ValidationError({field: _("This date lies in the future.")})
    return value
