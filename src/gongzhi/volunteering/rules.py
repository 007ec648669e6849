"""Time rules of attendance: when check-in and check-out are open, and how hours are counted."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

# Volunteers arrive early to set up; a leader checks people out after the end.
CHECK_IN_OPENS_BEFORE = timedelta(minutes=60)
CHECK_OUT_CLOSES_AFTER = timedelta(hours=3)
HUNDREDTH = Decimal("0.01")


def check_in_window(activity) -> tuple[datetime, datetime]:
    """Check-in is accepted from an hour before the start until the end."""
    return activity.starts_at - CHECK_IN_OPENS_BEFORE, activity.ends_at


def check_out_window(activity) -> tuple[datetime, datetime]:
    """Check-out is accepted from when check-in opens until three hours after the end."""
    return activity.starts_at - CHECK_IN_OPENS_BEFORE, activity.ends_at + CHECK_OUT_CLOSES_AFTER


def to_hours(delta: timedelta) -> Decimal:
    """A duration as hours with two decimals (half up)."""
    seconds = Decimal(max(delta.total_seconds(), 0))
    return (seconds / Decimal(3600)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def served_hours(activity, check_in: datetime, check_out: datetime) -> Decimal:
    """Hours between check-in and check-out, both clipped to the activity's span.

    Arriving early or leaving late does not count: only time inside [start, end] is service.
    """
    start = max(check_in, activity.starts_at)
    end = min(check_out, activity.ends_at)
    if end <= start:
        return Decimal("0.00")
    return to_hours(end - start)
