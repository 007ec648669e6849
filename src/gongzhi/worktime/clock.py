"""Working-time arithmetic: deadlines and elapsed working time on the workday calendar.

The rules, as digital urban management counts time limits:

- A **workday** is Monday–Friday, unless the calendar records it as a holiday; Saturday and
  Sunday are rest days, unless the calendar records them as make-up workdays (调休上班).
  A year with no rows (one the published schedule does not cover yet) is therefore counted as
  plain weeks until staff add its holidays.
- **Working time** is the time inside the working periods of workdays (by default 08:30–12:00
  and 13:30–17:30; a community may set its own, see ``WorkingHours``). Nights, lunch breaks,
  weekends and holidays do not count. Time is wall-clock time in the deployment's zone
  (``TIME_ZONE``, Asia/Shanghai by default), to the second.
- **N working hours** from a start: the earliest instant at which N hours of working time have
  passed. A start outside working time counts from the next working period. A limit that is
  used up exactly at the end of a period falls due at that end (12:00, not 13:30).
- **N working days** from a start: N full working days of working time, i.e. the same point of
  the working day N workdays later — a report at 10:00 on Monday with 3 working days is due at
  10:00 on Thursday. A start outside working time counts from the next working period, so a
  report on Saturday with 3 working days is due at the close of Wednesday. Fractions are
  allowed (0.5 day is half a working day).
- **SLA status**: green while less than 80 % of the step's working time is used, yellow from
  80 %, red once the deadline has passed.

``WorkClock`` is pure: it computes over a ``Calendar`` and a day's periods and touches no
database, so it is fast and easy to test. The module-level functions below are the entry points
the rest of the platform calls: they take the calendar loaded (and cached per process) from the
database and the working hours that apply to ``node``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gongzhi.worktime.choices import DayKind, SlaStatus, TimeUnit
from gongzhi.worktime.periods import DEFAULT_PERIODS, Periods, day_seconds

YELLOW_SHARE = 0.8
# The furthest a deadline may lie: beyond this the amount is refused as unreasonable.
MAX_AMOUNT_SECONDS = 20_000 * 3600
# How many calendar days the clock walks looking for working time before giving up.
MAX_LOOKAHEAD_DAYS = 366 * 25
_ONE_DAY = timedelta(days=1)
_ONE_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Calendar:
    """The exceptions to the plain week: ``date → DayKind`` for holidays and make-up workdays."""

    days: Mapping[date, str] = field(default_factory=dict)

    def is_workday(self, day: date) -> bool:
        kind = self.days.get(day)
        if kind == DayKind.HOLIDAY:
            return False
        if kind == DayKind.MAKEUP_WORKDAY:
            return True
        return day.weekday() < 5


def _seconds_of(amount, unit_seconds: int, what: str) -> int:
    """``amount`` units of ``unit_seconds`` each, as whole seconds (half a second rounds up)."""
    if isinstance(amount, bool) or not isinstance(amount, (int, float, Decimal)):
        raise TypeError(f"{what} must be a number, not {type(amount).__name__}")
    try:
        value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    except InvalidOperation as exc:  # pragma: no cover - Decimal(int) never fails
        raise ValueError(f"{what} is not a number: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"{what} must be finite, not {amount!r}")
    if value < 0:
        raise ValueError(f"{what} must not be negative, not {amount!r}")
    seconds = int((value * unit_seconds).to_integral_value(rounding=ROUND_HALF_UP))
    if seconds > MAX_AMOUNT_SECONDS:
        raise ValueError(f"{what} is too large: {amount!r}")
    return seconds


@dataclass(frozen=True)
class WorkClock:
    """Working-time arithmetic for one set of daily periods on one calendar, in one zone."""

    calendar: Calendar
    tz: tzinfo
    periods: Periods = DEFAULT_PERIODS

    # -- conversions -----------------------------------------------------------------------

    def _local(self, moment: datetime, what: str = "time") -> datetime:
        if not isinstance(moment, datetime):
            raise TypeError(f"{what} must be a datetime, not {type(moment).__name__}")
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{what} must be timezone-aware: {moment!r}")
        return moment.astimezone(self.tz).replace(tzinfo=None)

    def _aware(self, local: datetime) -> datetime:
        return local.replace(tzinfo=self.tz)

    def _intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.calendar.is_workday(day):
            return []
        return [(datetime.combine(day, s), datetime.combine(day, e)) for s, e in self.periods]

    # -- questions -------------------------------------------------------------------------

    def is_workday(self, day: date) -> bool:
        return self.calendar.is_workday(day)

    @property
    def workday_seconds(self) -> int:
        """Working seconds in one workday."""
        return day_seconds(self.periods)

    def is_working_time(self, moment: datetime) -> bool:
        local = self._local(moment)
        return any(a <= local < b for a, b in self._intervals(local.date()))

    def working_start(self, moment: datetime) -> datetime:
        """The first working instant at or after ``moment``."""
        local = self._local(moment)
        day = local.date()
        for _ in range(MAX_LOOKAHEAD_DAYS):
            for a, b in self._intervals(day):
                if local < b:
                    return self._aware(max(a, local))
            day += _ONE_DAY
        raise ValueError("no working time found within the look-ahead")

    # -- arithmetic ------------------------------------------------------------------------

    def add_seconds(self, start: datetime, seconds: int) -> datetime:
        """The earliest instant by which ``seconds`` of working time have passed since ``start``."""
        local = self._local(start, "start")
        remaining = timedelta(seconds=seconds)
        if remaining <= timedelta(0):
            return self._aware(local)
        day = local.date()
        for _ in range(MAX_LOOKAHEAD_DAYS):
            for a, b in self._intervals(day):
                begin = max(a, local)
                if begin >= b:
                    continue
                available = b - begin
                if remaining <= available:
                    return self._aware(begin + remaining)
                remaining -= available
            day += _ONE_DAY
        raise ValueError("the deadline lies beyond the clock's look-ahead")

    def add_hours(self, start: datetime, hours) -> datetime:
        return self.add_seconds(start, _seconds_of(hours, 3600, "hours"))

    def add_days(self, start: datetime, days) -> datetime:
        """N working days: N whole working days of working time (see the module's rules)."""
        return self.add_seconds(start, _seconds_of(days, self.workday_seconds, "days"))

    def deadline(self, start: datetime, amount, unit: str) -> datetime:
        if unit == TimeUnit.HOURS:
            return self.add_hours(start, amount)
        if unit == TimeUnit.DAYS:
            return self.add_days(start, amount)
        raise ValueError(f"unit must be 'hours' or 'days', not {unit!r}")

    def seconds_between(self, start: datetime, end: datetime) -> int:
        """Whole seconds of working time from ``start`` to ``end`` (0 when ``end`` ≤ ``start``)."""
        a = self._local(start, "start")
        b = self._local(end, "end")
        if b <= a:
            return 0
        total = timedelta(0)
        day = a.date()
        while day <= b.date():
            for x, y in self._intervals(day):
                low, high = max(x, a), min(y, b)
                if high > low:
                    total += high - low
            day += _ONE_DAY
        return total // _ONE_SECOND

    def share_used(self, started_at: datetime, deadline_at: datetime, now: datetime) -> float:
        """The share of the step's working time used by ``now`` (1.0 or more once it is due)."""
        limit = self.seconds_between(started_at, deadline_at)
        used = self.seconds_between(started_at, now)
        if limit == 0:
            return 1.0 if now >= deadline_at else 0.0
        return used / limit

    def sla_status(self, started_at: datetime, deadline_at: datetime, now: datetime) -> str:
        """Green below 80 % of the working time used, yellow from 80 %, red when overdue."""
        for moment, what in (
            (started_at, "started_at"),
            (deadline_at, "deadline_at"),
            (now, "now"),
        ):
            self._local(moment, what)
        if now > deadline_at:
            return SlaStatus.RED
        if self.share_used(started_at, deadline_at, now) >= YELLOW_SHARE:
            return SlaStatus.YELLOW
        return SlaStatus.GREEN


# -- entry points over the calendar kept in the database --------------------------------------


def get_clock(node=None) -> WorkClock:
    """A clock over the current calendar with the working hours that apply to ``node``.

    Each entry point below checks once that the cached calendar is current (one small query);
    code that computes many deadlines for the same node at once (a list page) can take one clock
    here and call its methods.
    """
    from django.utils import timezone

    from gongzhi.worktime.snapshot import current_snapshot

    snapshot = current_snapshot()
    return WorkClock(
        calendar=snapshot.calendar,
        tz=timezone.get_default_timezone(),
        periods=snapshot.periods_for(node),
    )


def is_workday(day: date) -> bool:
    """Is ``day`` a workday on the district's calendar?"""
    return get_clock().is_workday(day)


def add_working_hours(start: datetime, hours, *, node=None) -> datetime:
    """The instant ``hours`` working hours after ``start`` (aware, in the local zone)."""
    return get_clock(node).add_hours(start, hours)


def add_working_days(start: datetime, days, *, node=None) -> datetime:
    """The instant ``days`` working days after ``start``: same point of the working day."""
    return get_clock(node).add_days(start, days)


def working_seconds_between(start: datetime, end: datetime, *, node=None) -> int:
    """Whole seconds of working time between two aware datetimes."""
    return get_clock(node).seconds_between(start, end)


def deadline(start: datetime, amount, unit: str, *, node=None) -> datetime:
    """The deadline ``amount`` working ``unit`` ("hours" or "days") after ``start``."""
    return get_clock(node).deadline(start, amount, unit)


def share_used(started_at: datetime, deadline_at: datetime, now: datetime, *, node=None) -> float:
    """The share of a step's working time used by ``now`` (for a progress bar)."""
    return get_clock(node).share_used(started_at, deadline_at, now)


def sla_status(
    started_at: datetime, deadline_at: datetime, now: datetime | None = None, *, node=None
) -> str:
    """``"green"``, ``"yellow"`` (≥ 80 % of the working time used) or ``"red"`` (overdue)."""
    if now is None:
        from django.utils import timezone

        now = timezone.now()
    return get_clock(node).sla_status(started_at, deadline_at, now)
