"""Seeding the calendar from the published schedule: idempotent, staff edits kept."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from gongzhi.core.models import AuditEntry
from gongzhi.worktime.checks import calendar_has_holidays
from gongzhi.worktime.choices import DayKind, DaySource
from gongzhi.worktime.models import CalendarDay
from gongzhi.worktime.selectors import years_without_holidays
from gongzhi.worktime.services import (
    calendar_day_remove,
    calendar_day_update,
    default_seed_years,
    seed_calendar,
)


def test_seed_records_the_2026_schedule(db):
    added = seed_calendar(years=[2026])
    days = {d.date: d for d in CalendarDay.objects.all()}
    assert added == len(days)
    assert days[date(2026, 10, 1)].kind == DayKind.HOLIDAY
    assert days[date(2026, 10, 1)].name == "国庆节"
    assert days[date(2026, 10, 1)].source == DaySource.PUBLISHED
    assert days[date(2026, 2, 14)].kind == DayKind.MAKEUP_WORKDAY
    assert days[date(2026, 2, 14)].name == "春节"
    assert days[date(2026, 9, 25)].name == "中秋节"
    makeups = sorted(d for d, row in days.items() if row.kind == DayKind.MAKEUP_WORKDAY)
    assert makeups == [
        date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
        date(2026, 9, 20), date(2026, 10, 10),
    ]  # fmt: skip


def test_seed_is_idempotent(db):
    first = seed_calendar(years=[2025, 2026])
    assert first > 0
    assert seed_calendar(years=[2025, 2026]) == 0
    assert CalendarDay.objects.count() == first
    assert AuditEntry.objects.filter(action="worktime.calendar.seeded").count() == 1


def test_seed_keeps_what_staff_changed(db):
    seed_calendar(years=[2026])
    day = CalendarDay.objects.get(date=date(2026, 10, 7))
    calendar_day_update(day=day, kind=DayKind.HOLIDAY, note="区里另行通知")
    calendar_day_remove(day=CalendarDay.objects.get(date=date(2026, 10, 6)))
    assert seed_calendar(years=[2026]) == 1  # only the missing 10-06 returns
    kept = CalendarDay.objects.get(date=date(2026, 10, 7))
    assert kept.note == "区里另行通知"
    assert kept.source == DaySource.MANUAL


def test_years_the_package_does_not_know_are_skipped(db):
    assert seed_calendar(years=[2027, 2028]) == 0
    assert not CalendarDay.objects.exists()


def test_default_years_run_from_two_years_back_to_next_year():
    assert default_seed_years(date(2026, 11, 29)) == [2024, 2025, 2026, 2027]


@pytest.mark.parametrize("years", [[1999], ["2025"], [True]])
def test_seed_refuses_nonsense_years(db, years):
    with pytest.raises(ValidationError) as exc:
        seed_calendar(years=years)
    assert "years" in exc.value.message_dict


def test_command_seeds_a_range_and_names_unknown_years(db):
    out = StringIO()
    call_command("seed_calendar", "--years", "2026-2027", stdout=out)
    assert CalendarDay.objects.filter(date__year=2026).exists()
    assert "2027" in out.getvalue() and "plain weeks" in out.getvalue()


def test_command_refuses_a_bad_range(db):
    with pytest.raises(CommandError, match="--years"):
        call_command("seed_calendar", "--years", "2026-20x", stdout=StringIO())


def test_years_without_holidays_names_the_unpublished_next_year(db):
    seed_calendar(years=[2026])
    assert years_without_holidays(today=date(2026, 11, 29)) == [2027]
    assert years_without_holidays(today=date(2025, 11, 29)) == [2025]


def test_check_warns_when_this_or_next_year_has_no_holidays(db):
    warnings = calendar_has_holidays(databases=["default"])
    assert [w.id for w in warnings] == ["worktime.W001"]
    assert "seed_calendar" in warnings[0].hint


def test_check_stays_quiet_without_a_database():
    assert calendar_has_holidays(databases=None) == []
