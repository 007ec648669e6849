import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.participation import codes
from gongzhi.participation import services as svc
from gongzhi.participation.models import CouncilAttendance
from gongzhi.points.models import Transaction


def _points(person):
    return Transaction.objects.filter(entries__account__person=person, reason="council_attendance")


def test_scanning_the_qr_code_records_attendance_and_awards_points_once(
    held_council, resident, points_rules
):
    token = codes.qr_token(held_council.pk)
    attendance, created = svc.attendance_by_qr(token=token, person=resident, actor=resident.user)
    assert created and attendance.points_awarded
    again, created_again = svc.attendance_by_qr(token=token, person=resident, actor=resident.user)
    assert again.pk == attendance.pk and not created_again
    assert CouncilAttendance.objects.filter(council=held_council).count() == 1
    assert _points(resident).count() == 1


def test_the_short_code_works_in_any_case_and_with_spaces(council, resident):
    code = " " + council.short_code.lower()[:3] + " " + council.short_code.lower()[3:]
    attendance, created = svc.attendance_by_short_code(
        code=code, person=resident, actor=resident.user
    )
    assert created and attendance.method == "short_code"


def test_a_wrong_short_code_names_the_code_field(council, resident):
    with pytest.raises(ValidationError) as exc:
        svc.attendance_by_short_code(code="ZZZZZZ", person=resident, actor=resident.user)
    assert "code" in exc.value.message_dict


def test_a_forged_qr_token_is_refused(council, resident):
    with pytest.raises(ValidationError):
        svc.attendance_by_qr(token=f"{council.pk}:forged", person=resident, actor=resident.user)


def test_attendance_after_close_is_refused(held_council, staff, resident):
    svc.council_publish_minutes(council=held_council, actor=staff)
    svc.council_close(council=held_council, actor=staff)
    with pytest.raises(ValidationError) as exc:
        svc.attendance_record(council=held_council, person=resident, method="manual", actor=staff)
    assert "code" in exc.value.message_dict
    assert not CouncilAttendance.objects.exists()


def test_a_resident_may_not_record_someone_else(council, resident, make_resident):
    other = make_resident("李四")
    with pytest.raises(PermissionDenied):
        svc.attendance_record(council=council, person=other, method="qr", actor=resident.user)


def test_a_grid_worker_marks_attendance_by_hand_and_the_invitation_shows_present(
    council, grid_worker, staff, resident
):
    invitation = svc.council_invite_person(council=council, person=resident, actor=staff)
    svc.attendance_record(council=council, person=resident, method="manual", actor=grid_worker)
    invitation.refresh_from_db()
    assert invitation.present


def test_a_resident_of_another_community_cannot_attend(council, tree, make_user):
    from gongzhi.org.choices import Level
    from gongzhi.org.services import node_create, person_create

    other = node_create(parent=tree["street"], level=Level.COMMUNITY, name="别的社区", code="T-S-Y")
    stranger = person_create(node=other, name="外人", user=make_user("stranger"))
    with pytest.raises(ValidationError) as exc:
        svc.attendance_record(council=council, person=stranger, method="qr", actor=stranger.user)
    assert "person" in exc.value.message_dict
