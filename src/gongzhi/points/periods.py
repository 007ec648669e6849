"""Calendar periods in the local time zone (caps, limits, the wall and expiry count by them)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def day_range(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    day = timezone.localtime(moment).date()
    return _local_midnight(day), _local_midnight(day + dt.timedelta(days=1))


def week_range(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Monday to Monday, as weeks are counted in China."""
    day = timezone.localtime(moment).date()
    monday = day - dt.timedelta(days=day.weekday())
    return _local_midnight(monday), _local_midnight(monday + dt.timedelta(days=7))


def month_start(year: int, month: int) -> dt.datetime:
    return _local_midnight(dt.date(year, month, 1))


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    nxt = (year + 1, 1) if month == 12 else (year, month + 1)
    return month_start(year, month), month_start(*nxt)


def month_range(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    local = timezone.localtime(moment)
    return month_bounds(local.year, local.month)


def year_end(year: int) -> dt.datetime:
    """The first local moment after ``year``."""
    return _local_midnight(dt.date(year + 1, 1, 1))
