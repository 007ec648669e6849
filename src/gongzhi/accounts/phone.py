"""Mainland mobile numbers as residents type them: spaces, dashes, +86 or 0086 in front."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_SEPARATORS = re.compile(r"[\s\-()（）]")


def normalize_phone(value: str) -> str:
    """The 11-digit number, or a ValidationError naming the field."""
    digits = _SEPARATORS.sub("", str(value or ""))
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
            break
    if not _MOBILE.match(digits):
        raise ValidationError(
            {"phone": _("Enter an 11-digit mainland mobile number, e.g. 13812345678.")}
        )
    return digits


def phone_digest(phone: str) -> str:
    """A keyed hash of the number: how codes and accounts find it without storing it plain."""
    return salted_hmac("gongzhi.accounts.phone", phone, algorithm="sha256").hexdigest()
