"""The one place where volunteering hands service hours to the points ledger.

The points app is optional: when ``gongzhi.points`` is not installed this does nothing. It is
called inside the check-out (and hours adjustment) transaction, with the attendance row locked,
so hours and points are committed together or not at all — the ledger lives in the same
database, and a failure in it rolls the check-out back rather than leaving hours without
points.

Hours going up are awarded as what the new total earns less what the hours already rewarded
earned (so quarter hours added one at a time lose no fractional points); hours going down replace the attendance's
awards by the award the new hours earn (``points_reduce_award``: the old awards are reversed,
never deleted). Each award's idempotency key names the attendance, how many awards it has had
before and the hours, so a retried call books nothing twice and hours that go down and up
again never collide with an earlier key.
"""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

REASON = "service_hour"


def points_enabled() -> bool:
    """Is the points ledger part of this installation?"""
    return apps.is_installed("gongzhi.points")


def _key(attendance, revision: int) -> str:
    return f"volunteering.attendance:{attendance.pk}:{revision}:hours:{attendance.hours}"


def award_service_hours(attendance, actor, *, why: str = ""):
    """Bring the points for ``attendance`` in line with its hours; the booked award or None.

    Compares ``attendance.hours`` with ``attendance.hours_rewarded`` (the caller records the
    new value afterwards): more hours are awarded by the community's rule and caps, fewer take
    the excess points back, with ``why`` (the leader's reason) on the reversal. Raises
    ``ValidationError`` on ``hours`` when the volunteer has already spent the points that
    would have to be taken back.
    """
    if not points_enabled() or attendance.hours is None:
        return None
    rewarded = attendance.hours_rewarded or Decimal("0")
    if attendance.hours == rewarded:
        return None
    from gongzhi.points import selectors as points_selectors
    from gongzhi.points import services as points_services
    from gongzhi.points.errors import InsufficientPoints

    revision = points_selectors.awards_for_source(attendance, reason=REASON).count()
    if attendance.hours > rewarded:
        return points_services.points_award(
            person=attendance.person,
            reason=REASON,
            quantity=attendance.hours - rewarded,
            awarded_before=rewarded,
            source=attendance,
            idempotency_key=_key(attendance, revision),
            actor=actor,
            occurred_at=attendance.check_out_at,
        )
    try:
        return points_services.points_reduce_award(
            source=attendance,
            reason=REASON,
            quantity=attendance.hours,
            idempotency_key=_key(attendance, revision),
            why=why
            or _("Service hours lowered from %(old)s to %(new)s.")
            % {"old": rewarded, "new": attendance.hours},
            actor=actor,
        )
    except InsufficientPoints as exc:
        raise ValidationError(
            {
                "hours": _(
                    "%(name)s has already spent the points these hours earned, so the hours "
                    "cannot be lowered now; ask the community's staff."
                )
                % {"name": attendance.person.name}
            }
        ) from exc
