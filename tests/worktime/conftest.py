from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongzhi.worktime.clock import Calendar, WorkClock
from gongzhi.worktime.published import published_days
from gongzhi.worktime.services import seed_calendar
from gongzhi.worktime.snapshot import forget_snapshot

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=0, minute=0, second=0):
    """An aware datetime in Shanghai time."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)


def published_clock(periods=None) -> WorkClock:
    """A pure clock over the published 2024–2026 schedule, without the database."""
    calendar = Calendar({d.date: d.kind for d in published_days([2024, 2025, 2026])})
    if periods is None:
        return WorkClock(calendar=calendar, tz=SHANGHAI)
    return WorkClock(calendar=calendar, tz=SHANGHAI, periods=periods)


@pytest.fixture(autouse=True)
def _fresh_clock_cache():
    # Each test starts from what its own database holds, whatever an earlier test cached.
    forget_snapshot()
    yield
    forget_snapshot()


@pytest.fixture
def seeded(db):
    """The published schedule for 2025 and 2026 in the database."""
    return seed_calendar(years=[2025, 2026])
