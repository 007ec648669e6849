"""Deadlines of the procedure's steps on the working-time calendar.

A time limit is an ``(amount, unit)`` pair from the authority (see ``DeadlineUnit``):

- ``workday_end``: by the close of the working day, ``amount`` workdays on (0: the same working
  day — 查违不过日). Found outside working time, the day is the next working day;
- ``hours`` / ``days``: working hours / working days on the clock of ``gongzhi.worktime``;
- ``calendar_days``: plain days, for limits the law counts in days (拆违不过周).

The reminder and the forced demolition count from the moment the self-demolition deadline
lapses: the midnight after the deadline date.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from django.utils import timezone

from gongzhi.enforcement.choices import DeadlineUnit
from gongzhi.worktime.clock import get_clock


def lapse_of(day: dt.date) -> dt.datetime:
    """The instant a deadline date has passed: the local midnight after it."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def workday_end(start: dt.datetime, workdays: int = 0, *, node=None) -> dt.datetime:
    """The close of the working day in which ``start`` falls (or the next one, when ``start`` is
    outside working time), ``workdays`` workdays later."""
    clock = get_clock(node)
    first = clock.working_start(start).astimezone(clock.tz)
    day = first.date()
    for _ in range(workdays):
        day += dt.timedelta(days=1)
        while not clock.is_workday(day):
            day += dt.timedelta(days=1)
    close = clock.periods[-1][1]
    return dt.datetime.combine(day, close).replace(tzinfo=clock.tz)


def rule_deadline(start: dt.datetime, amount, unit: str, *, node=None) -> dt.datetime:
    """The deadline ``amount`` ``unit`` after ``start``."""
    amount = Decimal(str(amount))
    if amount < 0:
        raise ValueError("a time limit cannot be negative")
    if unit == DeadlineUnit.WORKDAY_END:
        return workday_end(start, math.ceil(amount), node=node)
    if unit in (DeadlineUnit.WORKING_HOURS, DeadlineUnit.WORKING_DAYS):
        return get_clock(node).deadline(start, amount, unit)
    if unit == DeadlineUnit.CALENDAR_DAYS:
        return start + dt.timedelta(days=float(amount))
    raise ValueError(f"unknown deadline unit {unit!r}")


def authority_deadline(authority, rule: str, start: dt.datetime, *, node=None) -> dt.datetime:
    """The deadline of the authority's time limit ``rule`` counted from ``start``."""
    amount, unit = authority.rule(rule)
    return rule_deadline(start, amount, unit, node=node)
