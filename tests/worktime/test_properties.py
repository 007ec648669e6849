"""Properties of the clock that must hold for every start, amount and set of working periods."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.worktime.periods import parse_periods

from .conftest import SHANGHAI, published_clock

CLOCK = published_clock()
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

starts = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(SHANGHAI)
)
# Hours with up to two decimals (whole seconds), up to about two working months.
hours = st.decimals(min_value=0, max_value=300, places=2)


@st.composite
def periods(draw):
    """1–4 ordered, non-overlapping periods on a 15-minute grid."""
    count = draw(st.integers(1, 4))
    marks = sorted(draw(st.sets(st.integers(0, 95), min_size=2 * count, max_size=2 * count)))
    pairs = [
        [
            f"{marks[i] // 4:02d}:{marks[i] % 4 * 15:02d}",
            f"{marks[i + 1] // 4:02d}:{marks[i + 1] % 4 * 15:02d}",
        ]
        for i in range(0, len(marks), 2)
    ]
    return parse_periods(pairs)


@PROPERTY_SETTINGS
@given(start=starts, amount=hours)
def test_deadline_is_at_least_the_amount_of_wall_time_later(start, amount):
    due = CLOCK.add_hours(start, amount)
    assert due - start >= timedelta(hours=float(amount)) - timedelta(microseconds=1)


@PROPERTY_SETTINGS
@given(start=starts, amount=hours)
def test_working_time_to_the_deadline_is_exactly_the_amount(start, amount):
    due = CLOCK.add_hours(start, amount)
    assert CLOCK.seconds_between(start, due) == int(amount * 3600)


@PROPERTY_SETTINGS
@given(start=starts, a=hours, b=hours)
def test_deadline_is_monotonic_in_the_amount(start, a, b):
    low, high = sorted((a, b))
    assert CLOCK.add_hours(start, low) <= CLOCK.add_hours(start, high)


@PROPERTY_SETTINGS
@given(start=starts, a=hours, b=hours)
def test_adding_in_two_steps_equals_adding_at_once(start, a, b):
    assert CLOCK.add_hours(CLOCK.add_hours(start, a), b) == CLOCK.add_hours(start, a + b)


@PROPERTY_SETTINGS
@given(start=starts, amount=hours.filter(lambda h: h > 0))
def test_a_positive_deadline_ends_inside_working_time(start, amount):
    due = CLOCK.add_hours(start, amount)
    assert CLOCK.is_working_time(due - timedelta(seconds=1))


@PROPERTY_SETTINGS
@given(start=starts, days=st.integers(0, 40))
def test_working_days_are_whole_days_of_working_hours(start, days):
    day_hours = Decimal(CLOCK.workday_seconds) / 3600
    assert CLOCK.add_days(start, days) == CLOCK.add_hours(start, days * day_hours)


@PROPERTY_SETTINGS
@given(start=starts, days=st.integers(1, 40))
def test_whole_days_from_working_time_keep_the_time_of_day(start, days):
    start = CLOCK.working_start(start)
    if start.time() in {time(8, 30), time(13, 30)}:
        return  # a period's start is also the previous period's end: either reading is right
    assert CLOCK.add_days(start, days).time() == start.time()


@PROPERTY_SETTINGS
@given(a=starts, gaps=st.lists(st.integers(0, 10**6), min_size=2, max_size=2))
def test_working_seconds_add_up_over_consecutive_spans(a, gaps):
    b = a + timedelta(seconds=gaps[0])
    c = b + timedelta(seconds=gaps[1])
    total = CLOCK.seconds_between(a, c)
    # Whole-second flooring may lose at most one second per span.
    assert total - 1 <= CLOCK.seconds_between(a, b) + CLOCK.seconds_between(b, c) <= total


@PROPERTY_SETTINGS
@given(start=starts, amount=hours, now_offset=st.integers(-(10**6), 10**7))
def test_red_exactly_when_past_the_deadline(start, amount, now_offset):
    due = CLOCK.add_hours(start, amount)
    now = start + timedelta(seconds=now_offset)
    assert (CLOCK.sla_status(start, due, now) == "red") == (now > due)


@PROPERTY_SETTINGS
@given(day_periods=periods(), start=starts, amount=st.decimals(0, 100, places=2))
def test_properties_hold_for_any_working_periods(day_periods, start, amount):
    clock = published_clock(day_periods)
    due = clock.add_hours(start, amount)
    assert clock.seconds_between(start, due) == int(amount * 3600)
    assert due - start >= timedelta(hours=float(amount)) - timedelta(microseconds=1)
