"""Turning one roster cell into a value, or a ``ValueError`` whose text says what is wrong.

Formula injection: a text cell that starts with = + - @ (or a tab or carriage return) is
rejected, not neutralised. Such a value is either a formula Excel would run when the data is
exported again, or a mistake; quietly prefixing it with an apostrophe would store something
the person did not write. Rejecting names the cell so that whoever prepared the file fixes it.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.org.choices import Gender, PartyMemberKind
from gongzhi.org.io.idnumber import IdNumber, parse_id_number

FORMULA_STARTS = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MARKUP = re.compile(r"[<>]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0xx or 0xxx, 7 or 8 digits, optional extension: 0513-85123456, 051385123456-801.
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")

GENDER_WORDS = {
    "男": Gender.MALE,
    "男性": Gender.MALE,
    "m": Gender.MALE,
    "male": Gender.MALE,
    "女": Gender.FEMALE,
    "女性": Gender.FEMALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
}
PARTY_WORDS = {
    "在职党员": PartyMemberKind.EMPLOYED,
    "在职": PartyMemberKind.EMPLOYED,
    "离退休党员": PartyMemberKind.RETIRED,
    "退休党员": PartyMemberKind.RETIRED,
    "离退休": PartyMemberKind.RETIRED,
    "流动党员": PartyMemberKind.MOBILE,
    "流动": PartyMemberKind.MOBILE,
    "退伍军人党员": PartyMemberKind.VETERAN,
    "退伍军人": PartyMemberKind.VETERAN,
    "无": "",
    "否": "",
    "群众": "",
    "非党员": "",
    **{kind.value: kind.value for kind in PartyMemberKind},
}
YES_WORDS = {"是", "y", "yes", "true", "1", "√"}
NO_WORDS = {"否", "n", "no", "false", "0", "×"}


def check_cell_type(value):
    """Only plain cell values are read: text, numbers, booleans and dates."""
    if value is None or isinstance(value, (str, int, float, bool, dt.date, dt.time)):
        return value
    raise ValueError(_("The cell holds a formula or an object, not a plain value."))


def check_formula(value: str) -> None:
    stripped = value.strip()
    if value[:1] in ("\t", "\r") or stripped[:1] in FORMULA_STARTS:
        raise ValueError(
            _("Text may not start with =, +, - or @ (it could run as a spreadsheet formula).")
        )


def as_text(value) -> str:
    """A cell as stripped text; whole numbers typed into a text column are accepted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ValueError(_("Text was expected, not TRUE/FALSE."))
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("Text was expected, not a decimal number."))
        value = int(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (dt.date, dt.time)):
        raise ValueError(_("Text was expected, not a date."))
    check_formula(value)
    return value.strip()


def plain_text(value, *, max_length: int) -> str:
    text = as_text(value)
    if len(text) > max_length:
        raise ValueError(
            _("At most %(max)d characters are allowed; this has %(n)d.")
            % {"max": max_length, "n": len(text)}
        )
    if _CONTROL.search(text):
        raise ValueError(_("Contains control characters."))
    if _MARKUP.search(text):
        raise ValueError(_("May not contain < or >."))
    return text


def phone(value) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(_("Not a phone number."))
        value = str(int(value))
    text = as_text(value)
    compact = re.sub(r"[\s()（）]", "", text)
    if _MOBILE.match(compact.replace("-", "")):
        return compact.replace("-", "")
    if _LANDLINE.match(compact):
        return compact
    raise ValueError(
        _(
            "Not a phone number: give an 11-digit mobile number (13812345678) or a landline "
            "number with its area code (0513-85123456)."
        )
    )


def id_number(value) -> IdNumber:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            _("Enter the ID number as text: Excel rounds long numbers and loses digits.")
        )
    return parse_id_number(as_text(value))


def date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    else:
        text = as_text(value)
        match = _DATE_TEXT.match(text) or _DATE_COMPACT.match(text)
        if not match:
            raise ValueError(_("Not a date: write it as 1990-01-31."))
        try:
            result = dt.date(*(int(part) for part in match.groups()))
        except ValueError as exc:
            raise ValueError(_("Not a real date.")) from exc
    if result.year < 1900 or result > timezone.localdate():
        raise ValueError(_("The date must lie between 1900 and today."))
    return result


def _word(value) -> str:
    return as_text(value).lower()


def gender(value) -> str:
    word = _word(value)
    if word in GENDER_WORDS:
        return GENDER_WORDS[word]
    raise ValueError(_("Write 男 or 女."))


def party_member_kind(value) -> str:
    word = _word(value)
    if word in PARTY_WORDS:
        return PARTY_WORDS[word]
    raise ValueError(
        _("Must be one of: %(choices)s, or empty.")
        % {"choices": "在职党员, 离退休党员, 流动党员, 退伍军人党员"}
    )


def yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    word = _word(value)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError(_("Write 是 or 否."))
