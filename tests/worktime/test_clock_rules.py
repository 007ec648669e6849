"""The clock's rules on plain weeks: nights, lunch breaks, weekends, days, SLA thresholds."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from gongzhi.worktime.clock import Calendar, WorkClock
from gongzhi.worktime.periods import parse_periods

from .conftest import SHANGHAI, at

# 2027 has no published schedule: a plain week. 2027-03-01 is a Monday.
plain = WorkClock(calendar=Calendar({}), tz=SHANGHAI)


def test_hours_within_one_morning():
    assert plain.add_hours(at(2027, 3, 1, 9, 0), 2) == at(2027, 3, 1, 11, 0)


def test_lunch_break_does_not_count():
    assert plain.add_hours(at(2027, 3, 1, 11, 0), 2) == at(2027, 3, 1, 14, 30)


def test_limit_used_up_at_noon_falls_due_at_noon_not_after_lunch():
    assert plain.add_hours(at(2027, 3, 1, 11, 0), 1) == at(2027, 3, 1, 12, 0)


def test_night_does_not_count():
    # 17:00 Monday + 2 h: half an hour on Monday, 1.5 h on Tuesday morning.
    assert plain.add_hours(at(2027, 3, 1, 17, 0), 2) == at(2027, 3, 2, 10, 0)


def test_weekend_does_not_count():
    # Friday 2027-03-05 16:30 + 3 h: 1 h on Friday, 2 h on Monday.
    assert plain.add_hours(at(2027, 3, 5, 16, 30), 3) == at(2027, 3, 8, 10, 30)


@pytest.mark.parametrize(
    "start",
    [at(2027, 3, 1, 6, 0), at(2027, 2, 27, 10, 0), at(2027, 2, 26, 20, 0)],
    ids=["early-morning", "saturday", "friday-evening"],
)
def test_start_outside_working_time_counts_from_next_period(start):
    assert plain.add_hours(start, 1) == at(2027, 3, 1, 9, 30)


def test_start_in_lunch_break_counts_from_afternoon():
    assert plain.add_hours(at(2027, 3, 1, 12, 45), 1) == at(2027, 3, 1, 14, 30)


def test_three_working_days_from_monday_ten_is_thursday_ten():
    assert plain.add_days(at(2027, 3, 1, 10, 0), 3) == at(2027, 3, 4, 10, 0)


def test_working_days_skip_the_weekend():
    # Thursday 15:00 + 2 working days → Monday 15:00.
    assert plain.add_days(at(2027, 3, 4, 15, 0), 2) == at(2027, 3, 8, 15, 0)


def test_working_days_from_saturday_fall_due_at_close_of_wednesday():
    assert plain.add_days(at(2027, 2, 27, 10, 0), 3) == at(2027, 3, 3, 17, 30)


def test_half_a_working_day():
    # The default day has 7.5 working hours: half is 3 h 45 min (3.5 h before lunch).
    assert plain.add_days(at(2027, 3, 1, 8, 30), Decimal("0.5")) == at(2027, 3, 1, 13, 45)


def test_zero_amount_is_the_start_itself():
    start = at(2027, 2, 27, 10, 0)
    assert plain.add_hours(start, 0) == start


def test_deadline_dispatches_on_unit():
    start = at(2027, 3, 1, 10, 0)
    assert plain.deadline(start, 4, "hours") == plain.add_hours(start, 4)
    assert plain.deadline(start, 2, "days") == at(2027, 3, 3, 10, 0)
    with pytest.raises(ValueError, match="unit"):
        plain.deadline(start, 2, "weeks")


def test_input_in_utc_gives_local_deadline():
    # 02:00 UTC is 10:00 in Shanghai.
    result = plain.add_hours(datetime(2027, 3, 1, 2, 0, tzinfo=UTC), 1)
    assert result == at(2027, 3, 1, 11, 0)
    assert result.utcoffset().total_seconds() == 8 * 3600


def test_float_and_decimal_hours_agree():
    start = at(2027, 3, 1, 9, 0)
    assert plain.add_hours(start, 1.5) == plain.add_hours(start, Decimal("1.5"))
    assert plain.add_hours(start, 1.5) == at(2027, 3, 1, 10, 30)


@pytest.mark.parametrize(
    "amount,error",
    [
        (-1, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (10**9, ValueError),
        ("3", TypeError),
        (True, TypeError),
        (None, TypeError),
    ],
)
def test_bad_amounts_are_refused(amount, error):
    with pytest.raises(error):
        plain.add_hours(at(2027, 3, 1, 9, 0), amount)


def test_naive_start_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        plain.add_hours(datetime(2027, 3, 1, 9, 0), 1)


def test_seconds_between_counts_only_working_time():
    # Friday 16:00 → Monday 10:00: 1.5 h + 1.5 h.
    assert plain.seconds_between(at(2027, 3, 5, 16, 0), at(2027, 3, 8, 10, 0)) == 3 * 3600


def test_seconds_between_backwards_is_zero():
    assert plain.seconds_between(at(2027, 3, 2, 10, 0), at(2027, 3, 1, 10, 0)) == 0


def test_custom_periods_change_the_day_length():
    clock = WorkClock(
        calendar=Calendar({}),
        tz=SHANGHAI,
        periods=parse_periods([["09:00", "12:00"], ["14:00", "18:00"]]),
    )
    assert clock.workday_seconds == 7 * 3600
    assert clock.add_hours(at(2027, 3, 1, 11, 0), 2) == at(2027, 3, 1, 15, 0)
    assert clock.add_days(at(2027, 3, 1, 8, 0), 1) == at(2027, 3, 1, 18, 0)


def test_sla_green_below_eighty_percent():
    start, due = at(2027, 3, 1, 8, 30), at(2027, 3, 1, 18, 30)  # limit 7.5 h, due 17:30
    assert plain.sla_status(start, due, at(2027, 3, 1, 15, 0)) == "green"  # 5 h = 66.7 %


def test_sla_yellow_at_eighty_percent_exactly():
    start = at(2027, 3, 1, 8, 30)
    due = plain.add_hours(start, 10)  # 80 % is 8 h: Tuesday 09:00
    assert plain.sla_status(start, due, at(2027, 3, 2, 8, 59)) == "green"
    assert plain.sla_status(start, due, at(2027, 3, 2, 9, 0)) == "yellow"


def test_sla_yellow_through_the_night_and_at_the_deadline():
    start = at(2027, 3, 1, 8, 30)
    due = plain.add_hours(start, 8)  # Tuesday 09:00
    assert plain.sla_status(start, due, at(2027, 3, 1, 23, 0)) == "yellow"
    assert plain.sla_status(start, due, due) == "yellow"


def test_sla_red_once_overdue():
    start = at(2027, 3, 1, 8, 30)
    due = plain.add_hours(start, 8)
    assert plain.sla_status(start, due, at(2027, 3, 2, 9, 0, 1)) == "red"


def test_sla_zero_length_limit():
    start = at(2027, 3, 1, 9, 0)
    assert plain.sla_status(start, start, start) == "yellow"
    assert plain.sla_status(start, start, at(2027, 3, 1, 9, 1)) == "red"


def test_share_used():
    start = at(2027, 3, 1, 8, 30)
    due = plain.add_hours(start, 4)
    assert plain.share_used(start, due, at(2027, 3, 1, 10, 30)) == pytest.approx(0.5)
