"""The clock on each step: green, yellow (≥ 80 % used), red; the fallback calendar."""

import datetime as dt

from django.utils import timezone

from gongzhi.cases import clock
from gongzhi.cases.selectors import case_sla


def test_sla_colours_along_a_step(world, report):
    case = report()
    start, end = case.step_started_at, case.step_deadline_at
    assert case_sla(case, now=start) == "green"
    assert case_sla(case, now=end - dt.timedelta(seconds=1)) == "yellow"
    assert case_sla(case, now=end + dt.timedelta(seconds=1)) == "red"
    budget = clock.working_seconds_between(start, end)
    assert budget == 2 * 3600  # the category's 2 working hours


def test_fallback_deadline_skips_the_weekend_and_the_lunch_break():
    tz = timezone.get_default_timezone()
    friday_afternoon = dt.datetime(2025, 3, 7, 16, 30, tzinfo=tz)  # an ordinary Friday
    assert clock._fallback_deadline(friday_afternoon, 2 * 3600) == dt.datetime(
        2025, 3, 10, 9, 30, tzinfo=tz
    )
    morning = dt.datetime(2025, 3, 10, 11, 0, tzinfo=tz)
    assert clock._fallback_deadline(morning, 2 * 3600) == dt.datetime(
        2025, 3, 10, 14, 30, tzinfo=tz
    )
    assert clock._fallback_between(morning, dt.datetime(2025, 3, 10, 14, 30, tzinfo=tz)) == 7200


def test_fallback_knows_the_national_day_holiday():
    tz = timezone.get_default_timezone()
    before = dt.datetime(2025, 9, 30, 17, 0, tzinfo=tz)
    # 1–8 October 2025 are holidays; 11 October (a Saturday) is a make-up workday.
    assert clock._fallback_deadline(before, 3600) == dt.datetime(2025, 10, 9, 9, 0, tzinfo=tz)
