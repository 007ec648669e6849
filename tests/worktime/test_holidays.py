"""Deadlines across the published holidays and make-up workdays, through the database calendar."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.core import hotcache
from gongzhi.worktime import clock
from gongzhi.worktime.choices import DayKind
from gongzhi.worktime.models import CalendarDay, ClockStamp
from gongzhi.worktime.services import calendar_day_add

from .conftest import at


def test_national_day_2025_holidays_are_not_workdays(seeded):
    # 2025-10-01 … 10-08 off; Sunday 09-28 and Saturday 10-11 are make-up workdays.
    assert not any(clock.is_workday(at(2025, 10, d).date()) for d in range(1, 9))
    assert clock.is_workday(at(2025, 9, 28).date())
    assert clock.is_workday(at(2025, 10, 11).date())
    assert clock.is_workday(at(2025, 10, 9).date())


def test_national_day_2025_one_day_from_the_eve_is_the_ninth(seeded):
    assert clock.add_working_days(at(2025, 9, 30, 10, 0), 1) == at(2025, 10, 9, 10, 0)


def test_make_up_sunday_before_national_day_2025_counts(seeded):
    # Friday 09-26 10:00 + 3 working days: Sunday 28th (make-up), Monday 29th, Tuesday 30th.
    assert clock.add_working_days(at(2025, 9, 26, 10, 0), 3) == at(2025, 9, 30, 10, 0)


def test_make_up_saturday_after_national_day_2025_counts(seeded):
    # Friday 10-10 17:00 + 2 h: half an hour Friday, 1.5 h on make-up Saturday 10-11.
    assert clock.add_working_hours(at(2025, 10, 10, 17, 0), 2) == at(2025, 10, 11, 10, 0)


def test_spring_festival_2025_make_up_sunday(seeded):
    # Friday 01-24 16:00 + 4 h: 1.5 h Friday, Saturday off, 2.5 h on make-up Sunday 01-26.
    assert clock.add_working_hours(at(2025, 1, 24, 16, 0), 4) == at(2025, 1, 26, 11, 0)


def test_spring_festival_2025_holiday_week_is_skipped(seeded):
    # Monday 01-27 is the last workday before 01-28 … 02-04; then Wednesday 02-05.
    assert clock.add_working_days(at(2025, 1, 27, 9, 0), 1) == at(2025, 2, 5, 9, 0)


def test_spring_festival_2026_make_up_saturdays(seeded):
    # Friday 02-13 10:00: +1 day → make-up Saturday 02-14; +2 → Tuesday 02-24 after 02-15 … 02-23.
    assert clock.add_working_days(at(2026, 2, 13, 10, 0), 1) == at(2026, 2, 14, 10, 0)
    assert clock.add_working_days(at(2026, 2, 13, 10, 0), 2) == at(2026, 2, 24, 10, 0)
    assert clock.is_workday(at(2026, 2, 28).date())


def test_national_day_2026(seeded):
    # Wednesday 09-30 17:00 + 2 h: half an hour, then Thursday 10-08 after 10-01 … 10-07.
    assert clock.add_working_hours(at(2026, 9, 30, 17, 0), 2) == at(2026, 10, 8, 10, 0)
    assert clock.is_workday(at(2026, 9, 20).date())  # make-up Sunday
    assert clock.is_workday(at(2026, 10, 10).date())  # make-up Saturday


def test_working_seconds_between_skip_the_holiday(seeded):
    # 2026-09-30 17:00 → 2026-10-08 09:00: 30 min + 30 min.
    seconds = clock.working_seconds_between(at(2026, 9, 30, 17, 0), at(2026, 10, 8, 9, 0))
    assert seconds == 3600


def test_unseeded_2027_counts_plain_weekdays(seeded):
    # 2027-01-01 is a Friday; with no 2027 rows it is an ordinary workday.
    assert clock.is_workday(at(2027, 1, 1).date())
    assert clock.add_working_hours(at(2026, 12, 31, 17, 0), 1) == at(2027, 1, 1, 9, 0)


def test_staff_added_2027_holiday_takes_effect_at_once(seeded):
    start = at(2026, 12, 31, 17, 0)
    assert clock.deadline(start, 1, "hours") == at(2027, 1, 1, 9, 0)  # cached now
    calendar_day_add(date=at(2027, 1, 1).date(), kind=DayKind.HOLIDAY, name="元旦")
    assert clock.deadline(start, 1, "hours") == at(2027, 1, 4, 9, 0)


def test_change_made_by_another_process_is_seen_through_the_stamp(seeded, cache_clock):
    start = at(2026, 12, 31, 17, 0)
    assert clock.deadline(start, 1, "hours") == at(2027, 1, 1, 9, 0)
    # Another process writes the row and a new token; this process's cache is not told.
    CalendarDay.objects.create(date=at(2027, 1, 1).date(), kind=DayKind.HOLIDAY)
    ClockStamp.objects.filter(pk=1).update(token="another-process")
    # Within GONGZHI_CACHE_SECONDS the process may still use what it loaded…
    assert clock.deadline(start, 1, "hours") == at(2027, 1, 1, 9, 0)
    # …and once they have passed it reads the stamp and sees the holiday.
    cache_clock.advance(hotcache.ttl())
    assert clock.deadline(start, 1, "hours") == at(2027, 1, 4, 9, 0)


def test_cached_calendar_costs_no_query_while_its_stamp_is_fresh(seeded, cache_clock):
    clock.deadline(at(2026, 3, 2, 9, 0), 3, "days")  # loads
    with CaptureQueriesContext(connection) as queries:
        for hour in range(9, 12):
            clock.deadline(at(2026, 3, 2, hour, 0), 3, "days")
    assert len(queries) == 0
    cache_clock.advance(hotcache.ttl())
    with CaptureQueriesContext(connection) as queries:
        for hour in range(9, 12):
            clock.deadline(at(2026, 3, 2, hour, 0), 3, "days")
    assert len(queries) == 1  # the stamp, once: it has not moved


def test_one_clock_for_many_deadlines_costs_one_query(seeded):
    with CaptureQueriesContext(connection) as queries:
        work = clock.get_clock()
        for day in range(2, 28):
            work.add_days(at(2026, 3, day, 10, 0), 3)
    assert len(queries) <= 3  # the stamp, and the first load of days and hours


def test_sla_status_entry_point_counts_the_holiday(seeded):
    start = at(2026, 9, 30, 8, 30)
    due = clock.deadline(start, 2, "days")  # 09-30 and 10-08: due 10-08 17:30
    assert due == at(2026, 10, 8, 17, 30)
    # During the holiday only half the working time is used: still green.
    assert clock.sla_status(start, due, at(2026, 10, 5, 12, 0)) == "green"
    assert clock.sla_status(start, due, at(2026, 10, 8, 15, 0)) == "yellow"
    assert clock.sla_status(start, due, at(2026, 10, 8, 17, 31)) == "red"
