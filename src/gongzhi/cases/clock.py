"""The working-time clock as the cases app sees it.

The platform's clock (``gongzhi.worktime.clock``: holidays, make-up workdays and working hours
per community, kept by staff) is used when it is installed. Without it this module falls back
to a plain calendar: Monday to Friday (corrected by the ``chinese_calendar`` package for the
years it covers), 8:30–12:00 and 13:30–17:30, so that the case loop works on its own.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.utils import timezone

YELLOW_SHARE = 0.8
_PERIODS = ((dt.time(8, 30), dt.time(12, 0)), (dt.time(13, 30), dt.time(17, 30)))
_DAY_SECONDS = sum(
    (dt.datetime.combine(dt.date.min, b) - dt.datetime.combine(dt.date.min, a)).total_seconds()
    for a, b in _PERIODS
)
_MAX_DAYS = 3660  # a bound on every walk through the calendar


@cache
def _worktime():
    """The platform clock module, or None (imported late: it reads its models when used)."""
    from django.apps import apps

    if not apps.is_installed("gongzhi.worktime"):
        return None
    from gongzhi.worktime import clock

    return clock


def _is_workday(day: dt.date) -> bool:
    try:
        import chinese_calendar

        return chinese_calendar.is_workday(day)
    except (ImportError, NotImplementedError):
        return day.weekday() < 5


def _periods(day: dt.date):
    tz = timezone.get_default_timezone()
    if not _is_workday(day):
        return
    for start, end in _PERIODS:
        yield (
            dt.datetime.combine(day, start, tzinfo=tz),
            dt.datetime.combine(day, end, tzinfo=tz),
        )


def _fallback_deadline(start: dt.datetime, seconds: float) -> dt.datetime:
    start = timezone.localtime(start)
    remaining = seconds
    day = start.date()
    for _ in range(_MAX_DAYS):
        for begin, end in _periods(day):
            begin = max(begin, start)
            if begin >= end:
                continue
            available = (end - begin).total_seconds()
            if remaining <= available:
                return begin + dt.timedelta(seconds=remaining)
            remaining -= available
        day += dt.timedelta(days=1)
    raise ValueError("deadline too far in the future")


def _fallback_between(start: dt.datetime, end: dt.datetime) -> float:
    if end <= start:
        return 0.0
    start, end = timezone.localtime(start), timezone.localtime(end)
    total = 0.0
    day = start.date()
    for _ in range(_MAX_DAYS):
        if day > end.date():
            break
        for begin, stop in _periods(day):
            begin, stop = max(begin, start), min(stop, end)
            if stop > begin:
                total += (stop - begin).total_seconds()
        day += dt.timedelta(days=1)
    return total


def deadline(start: dt.datetime, amount: int, unit: str, *, node=None) -> dt.datetime:
    """The moment ``amount`` working hours or working days after ``start``."""
    clock = _worktime()
    if clock is not None:
        return clock.deadline(start, amount, unit, node=node)
    seconds = amount * (3600 if unit == "hours" else _DAY_SECONDS)
    return _fallback_deadline(start, seconds)


def working_seconds_between(start: dt.datetime, end: dt.datetime, *, node=None) -> float:
    """Working seconds from ``start`` to ``end`` (0 when ``end`` is not after ``start``)."""
    clock = _worktime()
    if clock is not None:
        return clock.working_seconds_between(start, end, node=node)
    return _fallback_between(start, end)


def sla_status(
    started_at: dt.datetime, deadline_at: dt.datetime, now: dt.datetime, *, node=None
) -> str:
    """ "green", "yellow" (at least 80% of the limit used) or "red" (overdue)."""
    clock = _worktime()
    if clock is not None:
        return clock.sla_status(started_at, deadline_at, now, node=node)
    if now > deadline_at:
        return "red"
    budget = _fallback_between(started_at, deadline_at)
    if budget <= 0:
        return "yellow"
    used = _fallback_between(started_at, now)
    return "yellow" if used >= YELLOW_SHARE * budget else "green"
