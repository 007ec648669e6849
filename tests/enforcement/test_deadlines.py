"""Deadlines of the procedure on the working-time calendar: weekends, holidays and 调休 (the
published 2026 schedule)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from gongzhi.enforcement.choices import DeadlineUnit
from gongzhi.enforcement.deadlines import authority_deadline, lapse_of, rule_deadline
from gongzhi.enforcement.selectors.records import StatusClock
from gongzhi.worktime.services import seed_calendar

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return dt.datetime(*args, tzinfo=SH)


@pytest.fixture
def calendar_2026(db):
    seed_calendar(years=[2026])


@pytest.mark.parametrize(
    ("found", "due"),
    [
        # Tuesday morning: by the close of the same day (查违不过日).
        (at(2026, 3, 10, 9, 15), at(2026, 3, 10, 17, 30)),
        # Saturday: the next working day, Monday.
        (at(2026, 3, 7, 10, 0), at(2026, 3, 9, 17, 30)),
        # 2026-02-28 is a Saturday worked for the Spring Festival (调休): the same day.
        (at(2026, 2, 28, 10, 0), at(2026, 2, 28, 17, 30)),
        # National Day (10-01 to 10-07): the first working day after it.
        (at(2026, 10, 2, 11, 0), at(2026, 10, 8, 17, 30)),
        # After hours on the eve of the holiday: the same.
        (at(2026, 9, 30, 18, 30), at(2026, 10, 8, 17, 30)),
        # Spring Festival eve (Friday 02-13) after hours: Saturday 02-14 is a make-up workday.
        (at(2026, 2, 13, 18, 0), at(2026, 2, 14, 17, 30)),
    ],
)
def test_investigation_due_the_same_working_day(world, open_structure, calendar_2026, found, due):
    record = open_structure(found_at=found)
    assert record.step_deadline_at == due


def test_investigation_limit_is_configurable_per_authority(world, open_structure, calendar_2026):
    authority = world["authority"]
    authority.investigate_amount = Decimal("1")
    authority.save()
    # Friday before Labour Day's make-up Saturday (2026-05-09): one working day on is Saturday.
    record = open_structure(found_at=at(2026, 5, 8, 10, 0))
    assert record.step_deadline_at == at(2026, 5, 9, 17, 30)
    authority.investigate_amount, authority.investigate_unit = (
        Decimal("4"),
        DeadlineUnit.WORKING_HOURS,
    )
    authority.save()
    record = open_structure(found_at=at(2026, 4, 3, 16, 0), address="另一处")
    # Friday 16:00 + 4 working hours: 1.5 h on Friday, then 清明 (04-04..04-06), Tuesday 11:00.
    assert record.step_deadline_at == at(2026, 4, 7, 11, 0)


def test_working_day_limits_skip_holidays_and_count_makeup_days(calendar_2026):
    # One working day from Friday 2026-02-13 15:00: Saturday 02-14 is worked (调休).
    assert rule_deadline(at(2026, 2, 13, 15, 0), 1, DeadlineUnit.WORKING_DAYS) == at(
        2026, 2, 14, 15, 0
    )
    # Five working days from Wednesday 2026-09-30 10:00 across National Day and the make-up
    # Saturday 10-10: 10-08, 10-09, 10-10, 10-12, 10-13.
    assert rule_deadline(at(2026, 9, 30, 10, 0), 5, DeadlineUnit.WORKING_DAYS) == at(
        2026, 10, 13, 10, 0
    )


def test_forced_demolition_within_seven_days_of_the_lapse(world, calendar_2026):
    authority = world["authority"]
    lapse = lapse_of(dt.date(2026, 9, 30))
    assert lapse == at(2026, 10, 1, 0, 0)
    # Default: seven calendar days (拆违不过周), holidays or not.
    assert authority_deadline(authority, "forced", lapse) == at(2026, 10, 8, 0, 0)
    # Counted in working days instead: from 10-08 (after the holiday) seven workdays, with the
    # make-up Saturday 10-10 among them: 10-08, 09, 10, 12, 13, 14, 15.
    authority.forced_unit = DeadlineUnit.WORKING_DAYS
    assert authority_deadline(authority, "forced", lapse) == at(2026, 10, 15, 17, 30)


def test_reminder_due_one_working_day_after_the_lapse(world, calendar_2026):
    # The deadline was Friday 2026-02-13; Saturday 02-14 is a make-up workday.
    assert authority_deadline(world["authority"], "reminder", lapse_of(dt.date(2026, 2, 13))) == (
        at(2026, 2, 14, 17, 30)
    )


def test_deadline_colours(world, open_structure, calendar_2026):
    record = open_structure(found_at=at(2026, 3, 10, 9, 0))
    record.step_started_at = at(2026, 3, 10, 9, 0)
    clock = StatusClock(now=at(2026, 3, 10, 10, 0))
    assert clock.status(record) == "green"
    assert StatusClock(now=at(2026, 3, 10, 16, 45)).status(record) == "yellow"
    assert StatusClock(now=at(2026, 3, 10, 17, 31)).status(record) == "red"
