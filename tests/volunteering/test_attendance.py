from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.core.models import AuditEntry
from gongzhi.volunteering import codes
from gongzhi.volunteering.choices import CheckMethod, CodePurpose
from gongzhi.volunteering.services import (
    attendance_adjust_hours,
    attendance_check_in,
    attendance_check_out,
    attendance_scan_activity_code,
    attendance_scan_personal_code,
    signup_create,
)


def signed_up_at(activity):
    return activity.signup_opens_at + timedelta(hours=1)


@pytest.fixture
def running(make_activity, make_person, now):
    """An activity that ran from four to two hours ago, with one volunteer holding a place.

    It lies in the past so that check-outs (and the points they earn) are not in the future;
    the services take the moment they act at as ``at``.
    """
    activity = make_activity(
        starts_at=now - timedelta(hours=4),
        ends_at=now - timedelta(hours=2),
        signup_opens_at=now - timedelta(days=2),
        signup_closes_at=now - timedelta(hours=5),
    )
    volunteer = make_person("李志愿")
    signup_create(activity=activity, person=volunteer, at=signed_up_at(activity))
    return activity, volunteer


def test_leader_checks_in_and_out_by_personal_code(running, leader):
    activity, volunteer = running
    token = codes.personal_code(activity_id=activity.pk, person_id=volunteer.pk)
    start = activity.starts_at
    attendance_scan_personal_code(
        token=token, action="in", actor=leader.user, at=start - timedelta(minutes=5)
    )
    attendance = attendance_scan_personal_code(
        token=token, action="out", actor=leader.user, at=start + timedelta(minutes=90)
    )
    assert attendance.check_in_method == CheckMethod.PERSONAL_CODE
    assert attendance.hours == Decimal("1.50")


def test_forged_personal_code_is_refused(running, leader):
    activity, volunteer = running
    token = codes.personal_code(activity_id=activity.pk, person_id=volunteer.pk)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(ValidationError, match="not a valid volunteer code"):
        attendance_scan_personal_code(token=forged, action="in", actor=leader.user)


def test_someone_else_cannot_use_a_personal_code(running, make_person):
    activity, volunteer = running
    token = codes.personal_code(activity_id=activity.pk, person_id=volunteer.pk)
    stranger = make_person("路人")
    with pytest.raises(PermissionDenied):
        attendance_scan_personal_code(
            token=token, action="in", actor=stranger.user, at=activity.starts_at
        )


def test_volunteer_checks_in_by_rotating_code(running):
    activity, volunteer = running
    at = activity.starts_at
    code = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_IN, at=at)
    attendance = attendance_scan_activity_code(
        code=code, person=volunteer, actor=volunteer.user, at=at
    )
    assert attendance.check_in_method == CheckMethod.ACTIVITY_CODE
    out = codes.rotating_code(
        activity_id=activity.pk, purpose=CodePurpose.CHECK_OUT, at=activity.ends_at
    )
    attendance = attendance_scan_activity_code(
        code=out, person=volunteer, actor=volunteer.user, at=activity.ends_at
    )
    assert attendance.hours == Decimal("2.00")


def test_previous_step_code_is_still_accepted(running):
    activity, volunteer = running
    at = activity.starts_at
    code = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_IN, at=at)
    later = at + timedelta(seconds=codes.STEP_SECONDS)
    assert codes.read_rotating_code(code, at=later) == (activity.pk, CodePurpose.CHECK_IN)


def test_stale_rotating_code_is_refused(running):
    activity, volunteer = running
    at = activity.starts_at
    code = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_IN, at=at)
    with pytest.raises(ValidationError, match="expired"):
        attendance_scan_activity_code(
            code=code, person=volunteer, actor=volunteer.user, at=at + timedelta(seconds=90)
        )


def test_tampered_rotating_code_is_refused(running):
    activity, volunteer = running
    at = activity.starts_at
    code = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_OUT, at=at)
    as_check_in = code.replace(".out.", ".in.")
    with pytest.raises(ValidationError, match="not a valid activity code"):
        attendance_scan_activity_code(code=as_check_in, person=volunteer, at=at)
    with pytest.raises(ValidationError, match="not a valid activity code"):
        attendance_scan_activity_code(code="1.in.2.x", person=volunteer, at=at)


def test_copied_code_is_refused_for_someone_not_signed_up(running, make_person):
    activity, _volunteer = running
    at = activity.starts_at
    code = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_IN, at=at)
    friend = make_person("朋友")
    with pytest.raises(ValidationError, match="not signed up"):
        attendance_scan_activity_code(code=code, person=friend, actor=friend.user, at=at)


def test_waiting_list_cannot_check_in(running, make_person):
    activity, _volunteer = running
    signup_create(activity=activity, person=make_person("乙"), at=signed_up_at(activity))
    waiting = make_person("丙")
    signup_create(activity=activity, person=waiting, at=signed_up_at(activity))
    at = activity.starts_at
    code = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_IN, at=at)
    with pytest.raises(ValidationError, match="not signed up"):
        attendance_scan_activity_code(code=code, person=waiting, at=at)


def test_check_in_only_near_the_activity(running):
    activity, volunteer = running
    with pytest.raises(ValidationError, match="opens"):
        attendance_check_in(
            activity=activity,
            person=volunteer,
            method=CheckMethod.MANUAL,
            at=activity.starts_at - timedelta(hours=2),
        )
    with pytest.raises(ValidationError, match="closed"):
        attendance_check_in(
            activity=activity,
            person=volunteer,
            method=CheckMethod.MANUAL,
            at=activity.ends_at + timedelta(minutes=1),
        )


def test_hours_are_clipped_to_the_activity_span(running):
    activity, volunteer = running
    attendance_check_in(
        activity=activity,
        person=volunteer,
        method=CheckMethod.MANUAL,
        at=activity.starts_at - timedelta(minutes=50),
    )
    attendance = attendance_check_out(
        activity=activity,
        person=volunteer,
        method=CheckMethod.MANUAL,
        at=activity.ends_at + timedelta(hours=2),
    )
    assert attendance.hours == activity.span_hours == Decimal("2.00")


def test_double_check_in_is_refused(running):
    activity, volunteer = running
    at = activity.starts_at
    attendance_check_in(activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=at)
    with pytest.raises(ValidationError, match="already checked in"):
        attendance_check_in(activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=at)


def _checked_out(activity, volunteer, minutes):
    attendance_check_in(
        activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=activity.starts_at
    )
    return attendance_check_out(
        activity=activity,
        person=volunteer,
        method=CheckMethod.MANUAL,
        at=activity.starts_at + timedelta(minutes=minutes),
    )


def test_leader_adjusts_hours_with_a_reason_and_it_is_audited(running, leader):
    activity, volunteer = running
    attendance = _checked_out(activity, volunteer, 30)
    adjusted = attendance_adjust_hours(
        attendance=attendance, hours="1.75", reason="忘记签退", actor=leader.user
    )
    assert adjusted.hours == Decimal("1.75") and adjusted.hours_adjusted
    entry = AuditEntry.objects.get(action="volunteering.attendance.hours_adjusted")
    assert entry.data == {"reason": "忘记签退", "old": {"hours": "0.50"}, "new": {"hours": "1.75"}}
    assert entry.actor == leader.user


def test_adjustment_needs_a_reason(running, leader):
    activity, volunteer = running
    attendance = _checked_out(activity, volunteer, 30)
    with pytest.raises(ValidationError) as info:
        attendance_adjust_hours(attendance=attendance, hours="1", reason="  ", actor=leader.user)
    assert "reason" in info.value.message_dict


def test_adjustment_cannot_exceed_the_span(running, leader):
    activity, volunteer = running
    attendance = _checked_out(activity, volunteer, 30)
    for bad in ("2.01", "-1", "abc", "NaN"):
        with pytest.raises(ValidationError) as info:
            attendance_adjust_hours(attendance=attendance, hours=bad, reason="x", actor=leader.user)
        assert "hours" in info.value.message_dict


def test_only_leaders_adjust_hours(running, make_person):
    activity, volunteer = running
    attendance = _checked_out(activity, volunteer, 30)
    with pytest.raises(PermissionDenied):
        attendance_adjust_hours(
            attendance=attendance, hours="2", reason="我想多一点", actor=volunteer.user
        )


def test_adjustment_before_check_out_stands(running, leader):
    activity, volunteer = running
    attendance = attendance_check_in(
        activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=activity.starts_at
    )
    attendance_adjust_hours(attendance=attendance, hours="1", reason="提前离开", actor=leader.user)
    out = attendance_check_out(
        activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=activity.ends_at
    )
    assert out.hours == Decimal("1.00")


def test_checked_in_volunteer_cannot_cancel(running):
    from gongzhi.volunteering.models import Signup
    from gongzhi.volunteering.services import signup_cancel

    activity, volunteer = running
    at = activity.starts_at - timedelta(minutes=30)
    attendance_check_in(activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=at)
    with pytest.raises(ValidationError, match="checked in"):
        signup_cancel(signup=Signup.objects.get(person=volunteer), at=at)
