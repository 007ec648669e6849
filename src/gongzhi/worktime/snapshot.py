"""The calendar and working hours as loaded from the database, cached per process.

Each process keeps one ``Snapshot`` together with the ``ClockStamp`` token it was loaded under.
A lookup reads the token (one primary-key query) at most once per ``GONGZHI_CACHE_SECONDS``
and reloads the whole snapshot — all calendar rows in one query and all working-hours rows in
another: a few dozen rows a year — when it differs. The services that change the calendar or
working hours write a new token in their transaction and drop this process's snapshot, so the
process that made a change sees it on its next lookup and every other one within
``GONGZHI_CACHE_SECONDS``.

Rows written around the services (raw SQL, a shell) are only seen after ``bump_clock_stamp()``.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongzhi.core import hotcache
from gongzhi.worktime.clock import Calendar
from gongzhi.worktime.models import CalendarDay, ClockStamp, WorkingHours
from gongzhi.worktime.periods import DEFAULT_PERIODS, Periods, parse_periods

logger = logging.getLogger(__name__)

STAMP_PK = 1


@dataclass(frozen=True)
class Snapshot:
    """One consistent view of the calendar and of every node's own working hours."""

    token: str
    calendar: Calendar
    hours_by_path: dict[str, Periods] = field(default_factory=dict)
    years: frozenset[int] = frozenset()

    def periods_for(self, node) -> Periods:
        """The periods of ``node``'s nearest node (itself first, then up) that has its own."""
        if node is None or not self.hours_by_path:
            return DEFAULT_PERIODS
        path = node.path
        step = type(node).steplen
        for end in range(len(path), 0, -step):
            periods = self.hours_by_path.get(path[:end])
            if periods is not None:
                return periods
        return DEFAULT_PERIODS


_lock = threading.Lock()
_cached: Snapshot | None = None


def _read_token() -> str:
    return ClockStamp.objects.filter(pk=STAMP_PK).values_list("token", flat=True).first() or ""


def _load(token: str) -> Snapshot:
    days = dict(CalendarDay.objects.values_list("date", "kind"))
    hours: dict[str, Periods] = {}
    for path, raw in WorkingHours.objects.values_list("node__path", "periods"):
        try:
            hours[path] = parse_periods(raw)
        except ValidationError:
            # A row written around the services: ignore it (the node inherits) but say so.
            logger.warning("Ignoring invalid working hours for node path %s: %r", path, raw)
    return Snapshot(
        token=token,
        calendar=Calendar(days=days),
        hours_by_path=hours,
        years=frozenset(d.year for d in days),
    )


# The token is read at most once per GONGZHI_CACHE_SECONDS (and at once after a change made
# in this process), so a deadline computed on the hot path costs no query.
_token_check = hotcache.StampCheck()


def current_snapshot() -> Snapshot:
    """The snapshot for the current token, reloaded when the database has changed (the token
    is read at most once per ``GONGZHI_CACHE_SECONDS``)."""
    global _cached
    snapshot = _cached
    if snapshot is not None and not _token_check.due():
        return snapshot
    checked_at = hotcache.clock()
    # The token is read before the rows: a change committed in between makes the cached rows
    # newer than their token, which only costs one more reload, never a stale calendar.
    token = _read_token()
    if snapshot is not None and snapshot.token == token:
        _token_check.checked(checked_at)
        return snapshot
    with _lock:
        snapshot = _cached
        if snapshot is None or snapshot.token != token:
            snapshot = _load(token)
            _cached = snapshot
        _token_check.checked(checked_at)
    return snapshot


def forget_snapshot() -> None:
    """Drop this process's cached snapshot (the next lookup reloads)."""
    global _cached
    with _lock:
        _cached = None
        _token_check.expire()


def lock_clock_stamp() -> None:
    """Take the stamp row's lock so that calendar writers queue (inside their transaction).

    On SQLite the immediate transaction already holds the database's write lock.
    """
    if not ClockStamp.objects.select_for_update().filter(pk=STAMP_PK).exists():
        ClockStamp.objects.get_or_create(pk=STAMP_PK, defaults={"token": ""})


def bump_clock_stamp() -> str:
    """Tell every process that the calendar or working hours changed.

    Call inside the transaction that makes the change: other processes see the new token
    together with the new rows; this process also drops its cache after the commit.
    """
    token = uuid.uuid4().hex
    updated = ClockStamp.objects.filter(pk=STAMP_PK).update(token=token, changed_at=timezone.now())
    if not updated:
        ClockStamp.objects.update_or_create(pk=STAMP_PK, defaults={"token": token})
    forget_snapshot()
    transaction.on_commit(forget_snapshot)
    return token
