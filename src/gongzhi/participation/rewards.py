"""The one place where participation hands points to the points ledger.

The points app is optional: without it nothing happens. Each award runs inside the event's own
transaction, so the attendance (or the praise) and its points commit together; its idempotency
key names the council and person (or the post), so a retry or a concurrent scan books nothing
twice.
"""

from __future__ import annotations

from django.apps import apps

COUNCIL_REASON = "council_attendance"
PRAISE_REASON = "good_deed"


def points_enabled() -> bool:
    return apps.is_installed("gongzhi.points")


def award_council_attendance(attendance, actor):
    """Points for attending a council: once per person per council."""
    if not points_enabled():
        return None
    from gongzhi.points import services as points_services

    return points_services.points_award(
        person=attendance.person,
        reason=COUNCIL_REASON,
        quantity=1,
        source=attendance,
        idempotency_key=(
            f"participation.council:{attendance.council_id}:person:{attendance.person_id}"
        ),
        actor=actor,
        occurred_at=attendance.attended_at,
    )


def award_praise(post, person, actor):
    """Good-deed points for the resident a praise post shows: once per post."""
    if not points_enabled():
        return None
    from gongzhi.points import services as points_services

    return points_services.points_award(
        person=person,
        reason=PRAISE_REASON,
        quantity=1,
        source=post,
        idempotency_key=f"participation.board_post:{post.pk}:{PRAISE_REASON}",
        actor=actor,
    )
