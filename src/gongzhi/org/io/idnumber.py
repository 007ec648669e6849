"""Resident identity card numbers (公民身份号码, GB 11643-1999): 18 characters, check digit."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

_SHAPE = re.compile(r"^[1-9]\d{16}[\dX]$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


@dataclass(frozen=True)
class IdNumber:
    """A checked ID number and what it says: birth date, and sex (odd 17th digit: male)."""

    value: str
    birth_date: dt.date
    gender: str


def check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def parse_id_number(value: str, *, today: dt.date | None = None) -> IdNumber:
    """Check ``value`` and return what it encodes; ``ValueError`` says what is wrong."""
    value = value.strip().upper()
    if len(value) != 18:
        raise ValueError(
            _("An ID number has 18 characters; this one has %(n)d.") % {"n": len(value)}
        )
    if not _SHAPE.match(value):
        raise ValueError(_("An ID number is 17 digits followed by a digit or X."))
    if check_digit(value[:17]) != value[17]:
        raise ValueError(_("The check digit does not match: the number is mistyped."))
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise ValueError(_("The birth date inside the ID number is not a real date.")) from exc
    if birth.year < 1900 or birth > (today or timezone.localdate()):
        raise ValueError(_("The birth date inside the ID number is impossible."))
    return IdNumber(value=value, birth_date=birth, gender="m" if int(value[16]) % 2 else "f")
