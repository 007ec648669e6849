"""Check-in, check-out and service hours.

Two ways in: the leader scans the volunteer's personal code (``attendance_scan_personal_code``)
or the volunteer scans the activity's rotating code (``attendance_scan_activity_code``); a
leader may also check someone in or out by hand from the roster. Hours are counted at check-out,
clipped to the activity's span, and handed to the points ledger in the same transaction.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.models import Person
from gongzhi.volunteering import codes, rules
from gongzhi.volunteering.choices import ActivityState, CheckMethod, CodePurpose, SignupState
from gongzhi.volunteering.models import Activity, Attendance, Signup
from gongzhi.volunteering.permissions import can_lead
from gongzhi.volunteering.rewards import award_service_hours, points_enabled


def _require_lead(actor, activity) -> None:
    if actor is not None and not can_lead(actor, activity):
        raise PermissionDenied(_("Only the activity's leaders may do this."))


def _require_method_actor(actor, activity, person, method) -> None:
    """Volunteers check themselves in by the activity's code; everything else is a leader's."""
    if actor is None:
        return
    if method == CheckMethod.ACTIVITY_CODE:
        if person.user_id != actor.pk:
            raise PermissionDenied(_("You may only check yourself in."))
    else:
        _require_lead(actor, activity)


def _fmt(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _reward(attendance: Attendance, actor, why: str = "") -> None:
    """Bring the points in line with the hours inside this transaction and remember them."""
    if not points_enabled() or attendance.hours is None:
        return
    if attendance.hours == attendance.hours_rewarded:
        return
    award_service_hours(attendance, actor, why=why)
    attendance.hours_rewarded = attendance.hours
    attendance.save(update_fields=["hours_rewarded"])


def attendance_check_in(
    *, activity: Activity, person: Person, method: str, actor=None, at=None
) -> Attendance:
    """Check ``person`` in: they must hold a confirmed place, within the check-in window."""
    now = at or timezone.now()
    if method not in CheckMethod.values:
        raise ValidationError({"method": _("Unknown check-in method.")})
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("team")
            .get(pk=activity.pk)
        )
        _require_method_actor(actor, activity, person, method)
        if activity.state != ActivityState.PUBLISHED:
            raise ValidationError(_("This activity is not taking check-ins."))
        opens, closes = rules.check_in_window(activity)
        if now < opens:
            raise ValidationError(_("Check-in opens at %(time)s.") % {"time": _fmt(opens)})
        if now > closes:
            raise ValidationError(_("Check-in closed at %(time)s.") % {"time": _fmt(closes)})
        if not Signup.objects.filter(
            activity=activity, person=person, state=SignupState.CONFIRMED
        ).exists():
            raise ValidationError(
                _("%(name)s is not signed up for this activity.") % {"name": person.name}
            )
        if Attendance.objects.filter(activity=activity, person=person).exists():
            raise ValidationError(_("%(name)s is already checked in.") % {"name": person.name})
        attendance = Attendance.objects.create(
            activity=activity,
            person=person,
            check_in_at=now,
            check_in_method=method,
            checked_in_by=actor if actor is not None and actor.is_authenticated else None,
        )
        log_action(
            "volunteering.attendance.checked_in",
            actor=actor,
            obj=attendance,
            new={"check_in_at": now, "method": method},
        )
    return attendance


def attendance_check_out(
    *, activity: Activity, person: Person, method: str, actor=None, at=None
) -> Attendance:
    """Check ``person`` out and count their hours, clipped to the activity's span."""
    now = at or timezone.now()
    if method not in CheckMethod.values:
        raise ValidationError({"method": _("Unknown check-out method.")})
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .select_related("team")
            .get(pk=activity.pk)
        )
        _require_method_actor(actor, activity, person, method)
        attendance = (
            Attendance.objects.select_for_update(of=("self",))
            .select_related("person")
            .filter(activity=activity, person=person)
            .first()
        )
        if attendance is None:
            raise ValidationError(_("%(name)s has not checked in.") % {"name": person.name})
        if attendance.check_out_at is not None:
            raise ValidationError(_("%(name)s is already checked out.") % {"name": person.name})
        if activity.state not in (ActivityState.PUBLISHED, ActivityState.FINISHED):
            raise ValidationError(_("This activity is not taking check-outs."))
        _opens, closes = rules.check_out_window(activity)
        if now > closes:
            raise ValidationError(
                _("Check-out closed at %(time)s; ask the leader to enter your hours.")
                % {"time": _fmt(closes)}
            )
        attendance.check_out_at = now
        attendance.check_out_method = method
        attendance.checked_out_by = actor if actor is not None and actor.is_authenticated else None
        if not attendance.hours_adjusted:
            # A leader's adjustment made before check-out stands.
            attendance.hours = rules.served_hours(activity, attendance.check_in_at, now)
        attendance.save(
            update_fields=["check_out_at", "check_out_method", "checked_out_by", "hours"]
        )
        log_action(
            "volunteering.attendance.checked_out",
            actor=actor,
            obj=attendance,
            new={"check_out_at": now, "method": method, "hours": attendance.hours},
        )
        _reward(attendance, actor)
    return attendance


def attendance_scan_personal_code(*, token: str, action: str, actor, at=None) -> Attendance:
    """A leader scanned a volunteer's personal code: check them in (``action="in"``) or out."""
    try:
        activity_id, person_id = codes.read_personal_code(token)
    except codes.CodeRefused as exc:
        raise ValidationError(str(exc)) from exc
    activity = Activity.objects.filter(pk=activity_id).select_related("team", "node").first()
    person = Person.objects.filter(pk=person_id).first()
    if activity is None or person is None:
        raise ValidationError(_("This is not a valid volunteer code."))
    _require_lead(actor, activity)
    if action == CodePurpose.CHECK_IN:
        return attendance_check_in(
            activity=activity, person=person, method=CheckMethod.PERSONAL_CODE, actor=actor, at=at
        )
    if action == CodePurpose.CHECK_OUT:
        return attendance_check_out(
            activity=activity, person=person, method=CheckMethod.PERSONAL_CODE, actor=actor, at=at
        )
    raise ValidationError({"action": _("Choose check-in or check-out.")})


def attendance_scan_activity_code(
    *, code: str, person: Person | None, actor=None, at=None
) -> Attendance:
    """A volunteer scanned the activity's rotating code on the leader's screen.

    A stale code (older than the previous 30-second step) is refused, and so is a code used by
    someone without a confirmed place — a copied code does not let anyone else in.
    """
    try:
        activity_id, purpose = codes.read_rotating_code(code, at=at)
    except codes.CodeRefused as exc:
        raise ValidationError(str(exc)) from exc
    if person is None:
        raise ValidationError(_("Your account is not linked to a resident; ask the community."))
    activity = Activity.objects.filter(pk=activity_id).first()
    if activity is None:
        raise ValidationError(_("This is not a valid activity code."))
    if not Signup.objects.filter(
        activity=activity, person=person, state=SignupState.CONFIRMED
    ).exists():
        raise ValidationError(_("You are not signed up for this activity."))
    if purpose == CodePurpose.CHECK_IN:
        return attendance_check_in(
            activity=activity, person=person, method=CheckMethod.ACTIVITY_CODE, actor=actor, at=at
        )
    return attendance_check_out(
        activity=activity, person=person, method=CheckMethod.ACTIVITY_CODE, actor=actor, at=at
    )


def parse_hours(value) -> Decimal:
    """Hours from user input, as a Decimal with two places, or ``ValidationError``."""
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"hours": _("Enter the hours as a number, e.g. 2.5.")}) from exc
    if not hours.is_finite():
        raise ValidationError({"hours": _("Enter the hours as a number, e.g. 2.5.")})
    return hours.quantize(rules.HUNDREDTH)


def attendance_adjust_hours(
    *, attendance: Attendance, hours, reason: str, actor=None
) -> Attendance:
    """A leader corrects a volunteer's hours, with a reason; the audit keeps old and new.

    The hours may not exceed the activity's span. The points follow in the same transaction:
    an increase is awarded, a decrease takes the excess points back (refused when the volunteer
    has already spent them).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the hours are changed.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("The reason is too long (at most 300 characters).")})
    new_hours = parse_hours(hours)
    with transaction.atomic():
        attendance = (
            Attendance.objects.select_for_update(of=("self",))
            .select_related("activity", "activity__team", "person")
            .get(pk=attendance.pk)
        )
        activity = attendance.activity
        _require_lead(actor, activity)
        if activity.state == ActivityState.CANCELLED:
            raise ValidationError(_("The activity was cancelled."))
        if new_hours < 0 or new_hours > activity.span_hours:
            raise ValidationError(
                {
                    "hours": _("Hours must be between 0 and %(max)s, the length of the activity.")
                    % {"max": activity.span_hours}
                }
            )
        old = attendance.hours
        attendance.hours = new_hours
        attendance.hours_adjusted = True
        attendance.adjustment_reason = reason
        attendance.save(update_fields=["hours", "hours_adjusted", "adjustment_reason"])
        log_action(
            "volunteering.attendance.hours_adjusted",
            actor=actor,
            obj=attendance,
            old={"hours": old},
            new={"hours": new_hours},
            data={"reason": reason},
        )
        _reward(attendance, actor, why=reason)
    return attendance
