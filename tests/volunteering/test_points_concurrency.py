"""Check-outs and hours corrections racing each other pay each hour once (SQLite and
PostgreSQL): the attendance row lock and the ledger's keys hold together."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from gongzhi.org.roles import Role
from gongzhi.org.services import person_create, role_assign
from gongzhi.points.choices import Reason, TransactionKind
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Transaction
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import rule_set
from gongzhi.volunteering import codes
from gongzhi.volunteering.choices import CheckMethod, CodePurpose
from gongzhi.volunteering.models import Attendance
from gongzhi.volunteering.services import (
    activity_create,
    activity_publish,
    attendance_adjust_hours,
    attendance_check_in,
    attendance_check_out,
    attendance_scan_activity_code,
    attendance_scan_personal_code,
    signup_create,
    team_create,
)
from tests.volunteering.test_concurrency import run_together

LEADERS = 6


@pytest.fixture
def served(small_tree, make_user):
    """Yesterday 09:00–11:00, one volunteer checked in at the start; several team leaders."""
    community = small_tree["community"]
    staff = make_user("staff")
    role_assign(user=staff, role=Role.STAFF, node=community)
    rule_set(community=community, reason=Reason.SERVICE_HOUR, points_per_unit=10, actor=staff)
    leaders = []
    for n in range(LEADERS):
        user = make_user(f"leader{n}")
        role_assign(user=user, role=Role.TEAM_LEADER, node=community)
        leaders.append(user)
    day = timezone.localdate() - timedelta(days=1)
    start = timezone.make_aware(datetime.combine(day, time(9)))
    activity = activity_publish(
        activity=activity_create(
            team=team_create(node=community, name="并发服务队"),
            title="楼道清洁",
            location="3幢",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            capacity=3,
            signup_opens_at=start - timedelta(days=2),
            signup_closes_at=start - timedelta(hours=1),
        )
    )
    volunteer = person_create(node=small_tree["b1"], name="周志愿", user=make_user("zhou"))
    signup_create(activity=activity, person=volunteer, at=activity.signup_opens_at)
    attendance_check_in(activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=start)
    return activity, volunteer, leaders


def awards():
    return Transaction.objects.filter(kind=TransactionKind.AWARD, reason=Reason.SERVICE_HOUR)


@pytest.mark.django_db(transaction=True)
def test_racing_check_outs_pay_the_hours_once(served):
    activity, volunteer, leaders = served
    at = activity.ends_at
    token = codes.personal_code(activity_id=activity.pk, person_id=volunteer.pk)
    rotating = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_OUT, at=at)
    jobs = [
        lambda u=u: attendance_scan_personal_code(token=token, action="out", actor=u, at=at)
        for u in leaders
    ]
    jobs.append(
        lambda: attendance_scan_activity_code(
            code=rotating, person=volunteer, actor=volunteer.user, at=at
        )
    )
    jobs.append(
        lambda: attendance_check_out(
            activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=at
        )
    )
    errors = run_together(jobs)
    assert len(errors) == len(jobs) - 1
    assert all("already checked out" in str(e) for e in errors)
    assert awards().count() == 1
    assert person_balance(volunteer) == 20
    assert ledger_problems() == []


@pytest.mark.django_db(transaction=True)
def test_racing_corrections_leave_points_matching_the_final_hours(served):
    activity, volunteer, leaders = served
    attendance_check_out(
        activity=activity, person=volunteer, method=CheckMethod.MANUAL, at=activity.ends_at
    )
    attendance = Attendance.objects.get(person=volunteer)
    wanted = ["0.5", "1", "1.5", "0.25", "1.75", "2"]
    jobs = [
        lambda u=u, h=h: attendance_adjust_hours(
            attendance=attendance, hours=h, reason="更正", actor=u
        )
        for u, h in zip(leaders, wanted, strict=True)
    ]
    assert run_together(jobs) == []
    final = Attendance.objects.get(pk=attendance.pk)
    assert final.hours_rewarded == final.hours
    assert person_balance(volunteer) == int(final.hours * 10)
    live = awards().filter(reversal__isnull=True)
    assert sum(t.quantity for t in live) == final.hours
    keys = list(awards().values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys))
    assert ledger_problems() == []
