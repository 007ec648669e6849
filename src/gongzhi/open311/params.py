"""Reading GeoReport v2 parameters, with a clear error naming the parameter."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from gongzhi.open311.errors import Open311Error

MAX_WINDOW = timedelta(days=90)
DEFAULT_LIMIT = 1000
MAX_PAGE_SIZE = 1000
_ATTRIBUTE = re.compile(r"^attribute\[([A-Za-z0-9_\-]{1,40})\](\[\])?$")


def _clean(name: str, value) -> str:
    if not isinstance(value, str):
        value = str(value)
    if "\x00" in value:
        # No text field may hold NUL (PostgreSQL refuses it); say so instead of failing later.
        raise Open311Error(400, _("%(name)s contains a NUL character.") % {"name": name})
    return value.strip()


def text(params, name: str, *, max_length: int, required: bool = False) -> str:
    value = _clean(name, params.get(name, ""))
    if required and not value:
        raise Open311Error(400, _("%(name)s is required.") % {"name": name})
    if len(value) > max_length:
        raise Open311Error(
            400,
            _("%(name)s is too long: at most %(max)d characters, got %(n)d.")
            % {"name": name, "max": max_length, "n": len(value)},
        )
    return value


def coordinate(params, name: str, low: float, high: float) -> float | None:
    raw = _clean(name, params.get(name, ""))
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(
            400, _("%(name)s must be a number, got %(value)s.") % {"name": name, "value": raw[:40]}
        ) from None
    if value != value or not low <= value <= high:  # NaN or out of range
        raise Open311Error(
            400,
            _("%(name)s must be between %(low)s and %(high)s.")
            % {"name": name, "low": low, "high": high},
        )
    return value


def w3c_datetime(params, name: str) -> datetime | None:
    """A W3C datetime ("1994-11-05T08:15:30-05:00", GeoReport v2 "Date/time format"); a "+"
    that a careless client left unescaped arrives as a space and is read back as "+"."""
    raw = _clean(name, params.get(name, ""))
    if not raw:
        return None
    try:
        value = parse_datetime(raw.replace(" ", "+")) if "T" in raw else None
    except ValueError:
        value = None
    if value is None:
        raise Open311Error(
            400,
            _("%(name)s must be a W3C datetime such as 2026-11-29T08:30:00+08:00, got %(value)s.")
            % {"name": name, "value": raw[:40]},
        )
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        value.astimezone(UTC)  # the database compares in UTC
    except (OverflowError, ValueError):
        raise Open311Error(
            400, _("%(name)s is out of range: use a year between 1 and 9999.") % {"name": name}
        ) from None
    return value


def date_window(params) -> tuple[datetime, datetime]:
    """start_date/end_date: at most 90 days apart; without them the last 90 days (GeoReport v2,
    GET Service Requests: "the default query should return the most recent 90 days")."""
    start = w3c_datetime(params, "start_date")
    end = w3c_datetime(params, "end_date")
    try:
        if end is None:
            end = timezone.now() if start is None else min(start + MAX_WINDOW, timezone.now())
        if start is None:
            start = end - MAX_WINDOW
    except OverflowError:
        raise Open311Error(
            400, _("start_date and end_date must lie within years 1 to 9999.")
        ) from None
    if start > end:
        raise Open311Error(400, _("start_date must be before end_date."))
    if end - start > MAX_WINDOW:
        raise Open311Error(400, _("The date window may span at most 90 days."))
    return start, end


def positive_int(params, name: str, default: int, maximum: int) -> int:
    raw = _clean(name, params.get(name, ""))
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise Open311Error(400, _("%(name)s must be a positive whole number.") % {"name": name})
    return min(int(raw), maximum)


def attributes(querydict) -> dict[str, object]:
    """attribute[CODE]=v and multi-value attribute[CODE][]=v1&attribute[CODE][]=v2."""
    found: dict[str, object] = {}
    for key in querydict:
        match = _ATTRIBUTE.match(key)
        if not match:
            continue
        code, multi = match.group(1), match.group(2)
        values = [_clean(key, v) for v in querydict.getlist(key)]
        found[code] = values if multi else values[-1]
    return found


def id_list(params, name: str, limit: int = 1000) -> list[str]:
    """A comma-separated list (GeoReport v2: "multiple service_request_id can be declared;
    comma delimited")."""
    raw = _clean(name, params.get(name, ""))
    ids = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if len(ids) > limit:
        raise Open311Error(
            400, _("%(name)s takes at most %(n)d values at once.") % {"name": name, "n": limit}
        )
    return ids
