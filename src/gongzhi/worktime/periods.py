"""Working periods of a day: parsing, validation and display.

Periods are stored as a JSON list of ``["HH:MM", "HH:MM"]`` pairs, e.g.
``[["08:30", "12:00"], ["13:30", "17:30"]]``: ordered, non-overlapping, each ending after it
starts, all within one calendar day (no period runs past midnight).
"""

from __future__ import annotations

import re
from datetime import time

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

Periods = tuple[tuple[time, time], ...]

DEFAULT_PERIODS_JSON: list[list[str]] = [["08:30", "12:00"], ["13:30", "17:30"]]
MAX_PERIODS = 8

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
# Separators people type between the two ends of a period and between periods.
_RANGE_SPLIT = re.compile(r"\s*[-–—~～至]\s*")
_LIST_SPLIT = re.compile(r"[,，;；、\n]+")


def _parse_hhmm(value, field: str) -> time:
    if not isinstance(value, str) or not _HHMM.match(value.strip()):
        raise ValidationError(
            {
                field: _("%(value)s is not a time of day written as HH:MM (00:00–23:59).")
                % {"value": str(value)[:40]}
            }
        )
    hours, minutes = value.strip().split(":")
    return time(int(hours), int(minutes))


def parse_periods(value, field: str = "periods") -> Periods:
    """Check a JSON list of ``[start, end]`` pairs and return it as ``time`` pairs.

    Raises ``ValidationError`` naming ``field`` and the problem: not a list, an empty list, a
    malformed time, a period that ends before it starts, periods out of order or overlapping.
    """
    if not isinstance(value, (list, tuple)):
        raise ValidationError({field: _("Working periods must be a list of [start, end] pairs.")})
    if not value:
        raise ValidationError({field: _("At least one working period is needed.")})
    if len(value) > MAX_PERIODS:
        raise ValidationError(
            {field: _("At most %(n)d working periods per day.") % {"n": MAX_PERIODS}}
        )
    parsed: list[tuple[time, time]] = []
    for pair in value:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise ValidationError(
                {field: _("Each working period must be a pair of times: [start, end].")}
            )
        start, end = (_parse_hhmm(pair[0], field), _parse_hhmm(pair[1], field))
        if end <= start:
            raise ValidationError(
                {
                    field: _("The period %(start)s–%(end)s ends before it starts.")
                    % {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
                }
            )
        if parsed and start < parsed[-1][1]:
            raise ValidationError(
                {
                    field: _(
                        "The period %(start)s–%(end)s starts before the previous one ends: "
                        "list periods in order, without overlaps."
                    )
                    % {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
                }
            )
        parsed.append((start, end))
    return tuple(parsed)


def periods_to_json(periods: Periods) -> list[list[str]]:
    return [[start.strftime("%H:%M"), end.strftime("%H:%M")] for start, end in periods]


def periods_from_text(text: str, field: str = "periods") -> list[list[str]]:
    """Read what staff type, e.g. ``08:30-12:00, 13:30-17:30``, as the stored JSON shape.

    The result is only split, not validated: pass it to ``parse_periods``.
    """
    pairs: list[list[str]] = []
    for chunk in _LIST_SPLIT.split(text or ""):
        chunk = chunk.strip()
        if not chunk:
            continue
        ends = _RANGE_SPLIT.split(chunk)
        if len(ends) != 2:
            raise ValidationError(
                {
                    field: _("%(chunk)s is not a period written as HH:MM-HH:MM.")
                    % {"chunk": chunk[:40]}
                }
            )
        pairs.append([ends[0].strip(), ends[1].strip()])
    return pairs


def periods_to_text(periods: Periods) -> str:
    return ", ".join(f"{s.strftime('%H:%M')}–{e.strftime('%H:%M')}" for s, e in periods)


def day_seconds(periods: Periods) -> int:
    """Working seconds in one workday with these periods."""
    return sum(
        (e.hour * 3600 + e.minute * 60) - (s.hour * 3600 + s.minute * 60) for s, e in periods
    )


DEFAULT_PERIODS: Periods = parse_periods(DEFAULT_PERIODS_JSON)
