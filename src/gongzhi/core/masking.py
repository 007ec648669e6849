"""Masking of personal data for anything shown publicly.

Public pages, the public API and exports for the public never show a full phone number, ID
number, exact home address or a name, unless the person chose to be public.
"""

import re

_DIGITS = re.compile(r"\D")
# Cut an address after the building: 幢 / 栋 / 号楼 / 座.
_BUILDING = re.compile(r"^(.*?(?:\d+|[一二三四五六七八九十]+)\s*(?:幢|栋|号楼|座))")


def mask_phone(phone: str | None) -> str:
    """13812341234 → 138****1234; short numbers keep only their last two digits."""
    if not phone:
        return ""
    digits = _DIGITS.sub("", phone)
    if len(digits) >= 7:
        return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
    return "*" * max(len(digits) - 2, 0) + digits[-2:]


def mask_id_number(id_number: str | None) -> str:
    """320602199001011234 → 320***********1234 (birth date and sequence hidden)."""
    if not id_number:
        return ""
    value = id_number.strip()
    if len(value) <= 4:
        return "*" * len(value)
    keep_head = 3 if len(value) >= 10 else 1
    return value[:keep_head] + "*" * (len(value) - keep_head - 4) + value[-4:]


def mask_name(name: str | None) -> str:
    """张三 → 张*, 张小明 → 张*明, 欧阳娜娜 → 欧**娜: the first and (from three characters on)
    the last character stay, so a neighbour can tell 张*明 from 张*华 and nobody learns more."""
    if not name:
        return ""
    value = name.strip()
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


def mask_address(address: str | None) -> str:
    """观河华府3幢2单元502室 → 观河华府3幢: an address is shown down to its building only."""
    if not address:
        return ""
    value = address.strip()
    match = _BUILDING.match(value)
    if match:
        return match.group(1)
    # No building marker: drop anything that looks like a unit or room number.
    return re.split(r"\d+\s*(?:单元|室|号房|层|楼)", value, maxsplit=1)[0].rstrip("-— ")
