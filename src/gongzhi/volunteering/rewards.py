"""The one place where volunteering hands service hours to the points ledger.

The points app is optional: when ``gongzhi.points`` is not installed this does nothing. It is
called inside the check-out (and hours adjustment) transaction, with the attendance row locked,
so hours and points are committed together or not at all — the ledger lives in the same
database, and a failure in it rolls the check-out back rather than leaving hours without
points. The idempotency key names the attendance and the total awarded up to, so a retried call
awards nothing twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps


def points_enabled() -> bool:
    """Is the points ledger part of this installation?"""
    return apps.is_installed("gongzhi.points")


def award_service_hours(attendance, actor):
    """Award points for the hours of ``attendance`` not yet rewarded; None when nothing to do.

    Only increases are passed on (a first check-out, or an adjustment upwards); the caller
    records ``attendance.hours_rewarded``. Reductions are not taken back here: the ledger's
    reversal is the points app's own business.
    """
    if not points_enabled():
        return None
    if attendance.hours is None:
        return None
    delta = attendance.hours - (attendance.hours_rewarded or Decimal("0"))
    if delta <= 0:
        return None
    from gongzhi.points import services as points_services

    return points_services.points_award(
        person=attendance.person,
        reason="service_hour",
        quantity=delta,
        source=attendance,
        idempotency_key=f"volunteering.attendance:{attendance.pk}:hours:{attendance.hours}",
        actor=actor,
        occurred_at=attendance.check_out_at,
    )
