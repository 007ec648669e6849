"""The one scrubber for everything the public sees.

Every public surface (public pages, Open311, the public API, feeds, boards, stories and public
exports) passes people's data and free text through these functions, so that a phone number,
ID number, bank card, e-mail address, door-level address or a named person typed into a
description by a resident, or into a public note by staff, never reaches the public verbatim.

The rules are conservative where a miss would publish personal data (any run of eleven or more
digits is masked) and narrow where a false hit would destroy meaning: dates (2026-07-22,
2026年7月22日), amounts (1,234.50 元), case references (GZ-20261203-0001), counts and building
numbers (观河华府3幢) survive.

``\\d`` in these patterns also matches full-width digits (１３８…), which residents type on
phones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from gongzhi.core import masking

# How many decimals of a coordinate the public sees by default: about 100 m.
PUBLIC_DECIMALS = 3

_CN_NUM = "零〇一二三四五六七八九十百两"
_NUM = rf"(?:\d+|[{_CN_NUM}]+)"
_SEP = r"[\s\-－—.·]?"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")

# Mobile numbers: 1[3-9]x xxxx xxxx with optional +86 / 0086 and spaces or dashes between digits.
_MOBILE = re.compile(
    rf"(?<![\d])(?:(?:\+|00)?86{_SEP})?1[3-9]\d(?:{_SEP}\d){{8}}(?![\d])",
)
# Landlines with an area code: 0513-85123456, (0513) 8512 3456, 0513 85123456, +86 513 8512345.
_LANDLINE = re.compile(
    rf"(?<![\d])(?:(?:\+|00)86{_SEP}[1-9]\d{{1,2}}|[(（]?0[1-9]\d{{1,2}}[)）]?){_SEP}"
    rf"[2-9]\d{{2,3}}{_SEP}\d{{4}}(?![\d])"
)
# A bare 7- or 8-digit number introduced as a phone number (电话 85123456).
_KEYED_PHONE = re.compile(
    r"((?:电话|手机|手机号|座机|联系方式|联系电话|号码|热线|tel|Tel|TEL|phone|Phone)\s*[:：]?\s*)"
    rf"(\d(?:{_SEP}\d){{6,7}})(?![\d])"
)
# ID numbers (15 or 18 characters, the last may be X) and bank cards (16–19 digits, often
# grouped by four): any long run of digits, with or without single separators between groups.
_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])|(?<![\d])\d{15}(?![\d])")
_GROUPED_CARD = re.compile(r"(?<![\d])\d{4}(?:[\s\-]\d{4}){3}(?:[\s\-]?\d{1,3})?(?![\d])")
_LONG_DIGITS = re.compile(r"(?<![\d])\d{11,}(?![\d])")

# Door-level addresses. The building is public; the unit, floor and room are not.
_BUILDING_WORD = r"(?:号楼|栋|幢|座|号)"
# 5栋2单元301室, 5号楼2单元301, 12号301室, 3幢502室, 3幢5楼502
_UNIT_ROOM = re.compile(
    rf"({_NUM}\s*{_BUILDING_WORD})\s*"
    rf"(?:{_NUM}\s*单元\s*)?(?:{_NUM}\s*(?:楼|层)\s*)?(?:{_NUM}\s*(?:室|号房|户|号)?)"
    rf"(?=$|[^\d{_CN_NUM}A-Za-z])"
)
# A unit or room without a building before it: 2单元301室, 301室, 三零一室.
_LOOSE_UNIT = re.compile(rf"{_NUM}\s*单元(?:\s*{_NUM}\s*(?:室|号房|户|号)?)?")
_LOOSE_ROOM = re.compile(rf"(?<![\d{_CN_NUM}]){_NUM}\s*(?:室|号房)")
# 5-2-301 or 5－2－301 (building-unit-room); a date has a four-digit first part, so it survives.
_DASHED_DOOR = re.compile(
    r"(?<![\d\-－])(\d{1,3})\s*[\-－]\s*\d{1,2}\s*[\-－]\s*\d{2,4}(?![\d\-－])"
)

_MASK = "*"


def _mask_run(match: re.Match) -> str:
    return masking.mask_id_number(re.sub(r"[^\dXx]", "", match.group(0)))


def _mask_phone_match(match: re.Match) -> str:
    return masking.mask_phone(match.group(0))


def _mask_keyed_phone(match: re.Match) -> str:
    return match.group(1) + masking.mask_phone(match.group(2))


def _mask_email(match: re.Match) -> str:
    local, _, domain = match.group(0).partition("@")
    return f"{local[:1]}***@{domain}"


def _building_only(match: re.Match) -> str:
    return f"{match.group(1)}{_MASK * 3}"


def _dashed_building(match: re.Match) -> str:
    return f"{match.group(1)}-{_MASK}-{_MASK * 3}"


def scrub_text(text: str | None, *, names: Iterable[str] = ()) -> str:
    """``text`` with personal data masked: phone numbers, ID numbers, bank cards, e-mail
    addresses, door-level addresses (cut to the building) and each of ``names``."""
    if not text:
        return ""
    value = str(text)
    key = tuple(
        sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=lambda n: (-len(n), n))
    )
    if len(value) > MEMO_TEXT_LENGTH:
        return _scrub(value, key)
    return _scrub_memo(value, key)


# The same texts are scrubbed again and again (every page of a list, the map, the boards
# show the newest cases); the rules are a pure function of the text and the names, so their
# result is kept per process for the most recent texts of up to MEMO_TEXT_LENGTH characters
# (at most a few megabytes).
MEMO_TEXT_LENGTH = 1000
MEMO_ENTRIES = 2048


def _scrub(value: str, names: tuple[str, ...]) -> str:
    value = _EMAIL.sub(_mask_email, value)
    value = _ID_NUMBER.sub(_mask_run, value)
    value = _GROUPED_CARD.sub(_mask_run, value)
    value = _MOBILE.sub(_mask_phone_match, value)
    value = _LANDLINE.sub(_mask_phone_match, value)
    value = _KEYED_PHONE.sub(_mask_keyed_phone, value)
    value = _LONG_DIGITS.sub(_mask_run, value)
    value = _DASHED_DOOR.sub(_dashed_building, value)
    value = _UNIT_ROOM.sub(_building_only, value)
    value = _LOOSE_UNIT.sub(_MASK * 3, value)
    value = _LOOSE_ROOM.sub(_MASK * 3, value)
    for name in names:  # longest first, so that a full name is masked before a part of it
        value = value.replace(name, masking.mask_name(name))
    return value


_scrub_memo = functools.lru_cache(maxsize=MEMO_ENTRIES)(_scrub)


def public_address(address: str | None, *, names: Iterable[str] = ()) -> str:
    """An address as the public may see it: down to the building at most, then scrubbed."""
    return scrub_text(masking.mask_address(address), names=names)


def public_name(name: str | None, *, is_public: bool = False) -> str:
    """A person's name for the public: 张*明 style unless the person chose to be public."""
    if not name:
        return ""
    return str(name).strip() if is_public else masking.mask_name(name)


def public_phone(phone: str | None) -> str:
    """A phone number for the public: 138****5678."""
    return masking.mask_phone(phone)


def round_coordinate(value: float | None, decimals: int | None = PUBLIC_DECIMALS) -> float | None:
    """A coordinate no more exact than ``decimals`` places (``None`` hides it altogether)."""
    if value is None or decimals is None:
        return None
    return round(float(value), decimals)
