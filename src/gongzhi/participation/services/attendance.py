"""Council attendance: by the council's QR code, its short code, or marked by staff.

Once per person per council: the unique constraint holds it, the council row is locked while
the attendance is written, and the points award's idempotency key names council and person,
so a retried or concurrent scan returns the same attendance and books no second award.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.participation import codes
from gongzhi.participation.choices import COUNCIL_ATTENDANCE_OPEN, AttendanceMethod, InviteeKind
from gongzhi.participation.models import Council, CouncilAttendance
from gongzhi.participation.permissions import ATTENDANCE, may
from gongzhi.participation.rewards import award_council_attendance
from gongzhi.participation.services.common import lock, user_or_none


def attendance_record(*, council: Council, person, method: str, actor=None, at=None):
    """Record ``person`` at ``council``; return ``(attendance, created)``.

    Attendees record themselves by code (``qr``/``short_code``, ``actor`` must be the person's
    login); staff and grid workers mark anyone of the council's community by hand.
    """
    if method not in AttendanceMethod.values:
        raise ValidationError({"method": _("Unknown way of recording attendance.")})
    if person is None:
        raise ValidationError(
            {"person": _("Your account is not linked to a resident; ask the community.")}
        )
    now = at or timezone.now()
    if actor is not None:
        if method == AttendanceMethod.MANUAL:
            if not may(actor, ATTENDANCE, council.node):
                raise PermissionDenied(_("You may not record attendance here."))
        elif person.user_id != getattr(actor, "pk", None):
            raise PermissionDenied(_("You may only record your own attendance."))
    try:
        with transaction.atomic():
            council = lock(Council, council.pk, "node")
            if council.state not in COUNCIL_ATTENDANCE_OPEN:
                raise ValidationError(
                    {
                        "code": _(
                            "This council is %(state)s: attendance can no longer be recorded."
                        )
                        % {"state": council.get_state_display()}
                    },
                    code="state",
                )
            if not person.node.path.startswith(council.node.path[:12]):
                raise ValidationError({"person": _("This person belongs to another community.")})
            existing = CouncilAttendance.objects.filter(council=council, person=person).first()
            if existing is not None:
                return existing, False
            attendance = CouncilAttendance.objects.create(
                council=council,
                person=person,
                method=method,
                recorded_by=user_or_none(actor),
                attended_at=now,
            )
            council.invitations.filter(kind=InviteeKind.PERSON, person=person).update(present=True)
            log_action(
                "participation.council.attended",
                actor=actor,
                obj=council,
                data={"person": person.pk, "method": method},
            )
            if award_council_attendance(attendance, actor) is not None:
                attendance.points_awarded = True
                attendance.save(update_fields=["points_awarded"])
            return attendance, True
    except IntegrityError:
        # A concurrent scan of the same person committed first (the unique constraint).
        existing = CouncilAttendance.objects.filter(council=council, person=person).first()
        if existing is None:
            raise
        return existing, False


def attendance_by_qr(*, token: str, person, actor=None):
    """The attendee scanned the council's QR code."""
    council_id = codes.read_qr_token(token)
    council = Council.objects.filter(pk=council_id).select_related("node").first()
    if council is None:
        raise ValidationError({"code": _("This is not a valid council code.")})
    return attendance_record(
        council=council, person=person, method=AttendanceMethod.QR, actor=actor
    )


def attendance_by_short_code(*, code: str, person, actor=None):
    """The attendee typed in the council's short code."""
    council = (
        Council.objects.filter(short_code=codes.normalise_short_code(code))
        .select_related("node")
        .first()
    )
    if council is None:
        raise ValidationError({"code": _("No council has this code; check it and try again.")})
    return attendance_record(
        council=council, person=person, method=AttendanceMethod.SHORT_CODE, actor=actor
    )
