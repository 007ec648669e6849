"""The periods the portal's figures cover."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def month_bounds(day: date | None = None) -> tuple[datetime, datetime]:
    """The aware start of ``day``'s month (today's by default) and of the next month."""
    day = day or timezone.localdate()
    first = day.replace(day=1)
    following = (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else first.replace(month=first.month + 1)
    )
    return (
        timezone.make_aware(datetime.combine(first, time.min)),
        timezone.make_aware(datetime.combine(following, time.min)),
    )


def parse_month(value: str | None) -> date | None:
    """``2026-07`` → 1 July 2026; None for anything else."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return None
