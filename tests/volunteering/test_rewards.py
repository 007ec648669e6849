"""Service hours earn points through the real points ledger: check-out, caps, retries, and
corrections up and down by a leader."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from gongzhi.core.models import AuditEntry
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from gongzhi.points.choices import Reason, TransactionKind
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Transaction
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import (
    goods_create,
    order_place,
    points_award,
    points_reverse,
    rule_set,
    stock_donate,
)
from gongzhi.points.wall import wall_people
from gongzhi.volunteering.choices import CheckMethod
from gongzhi.volunteering.models import Attendance
from gongzhi.volunteering.rewards import award_service_hours
from gongzhi.volunteering.services import (
    attendance_adjust_hours,
    attendance_check_in,
    attendance_check_out,
    signup_create,
)


@pytest.fixture
def staff(make_user, small_tree):
    user = make_user("points-staff")
    role_assign(user=user, role=Role.STAFF, node=small_tree["community"])
    return user


@pytest.fixture
def hour_rule(small_tree, staff):
    """10 points per service hour, at most 30 a day and 100 a month."""
    return rule_set(
        community=small_tree["community"],
        reason=Reason.SERVICE_HOUR,
        points_per_unit=10,
        daily_cap=30,
        monthly_cap=100,
        actor=staff,
    )


@pytest.fixture
def past_activity(make_activity):
    """An activity of ``hours`` from ``start_hour`` yesterday (local time): its check-outs and
    their points lie in the past, on one day, whenever the test runs."""

    def make(hours=2, start_hour=9, **fields):
        day = timezone.localdate() - timedelta(days=1)
        start = timezone.make_aware(datetime.combine(day, time(start_hour)))
        return make_activity(
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            signup_opens_at=start - timedelta(days=2),
            signup_closes_at=start - timedelta(hours=1),
            **fields,
        )

    return make


@pytest.fixture
def serve(make_person):
    """Sign ``person`` up for ``activity``, check them in at the start and out after
    ``minutes``."""

    def run(activity, minutes, person=None):
        person = person or make_person()
        signup_create(activity=activity, person=person, at=activity.signup_opens_at)
        start = activity.starts_at
        attendance_check_in(activity=activity, person=person, method=CheckMethod.MANUAL, at=start)
        return attendance_check_out(
            activity=activity,
            person=person,
            method=CheckMethod.MANUAL,
            at=start + timedelta(minutes=minutes),
        )

    return run


def awards(attendance):
    return Transaction.objects.filter(
        kind=TransactionKind.AWARD, source_id=str(attendance.pk), reason=Reason.SERVICE_HOUR
    )


def test_check_out_awards_points_by_the_communitys_rule(hour_rule, past_activity, serve):
    attendance = serve(past_activity(), 90)
    txn = awards(attendance).get()
    assert person_balance(attendance.person) == 15
    assert txn.source == attendance and txn.quantity == Decimal("1.50")
    assert txn.occurred_at == attendance.check_out_at
    assert attendance.hours_rewarded == Decimal("1.50")
    assert AuditEntry.objects.filter(action="points.award.booked").count() == 1
    assert ledger_problems() == []


def test_check_out_awards_only_what_fits_under_the_daily_cap(hour_rule, past_activity, serve):
    attendance = serve(past_activity(hours=4), 240)
    txn = awards(attendance).get()
    assert txn.requested_points == 40
    assert person_balance(attendance.person) == 30


def test_no_rule_no_points_but_the_hours_count(past_activity, serve):
    attendance = serve(past_activity(), 60)
    assert attendance.hours == Decimal("1.00")
    assert not Transaction.objects.exists()
    assert person_balance(attendance.person) == 0


def test_retrying_check_out_or_the_award_books_nothing_twice(hour_rule, past_activity, serve):
    activity = past_activity()
    attendance = serve(activity, 60)
    with pytest.raises(ValidationError, match="already checked out"):
        attendance_check_out(activity=activity, person=attendance.person, method=CheckMethod.MANUAL)
    fresh = Attendance.objects.get(pk=attendance.pk)
    assert award_service_hours(fresh, None) is None
    assert awards(attendance).count() == 1
    assert person_balance(attendance.person) == 10


def test_a_refused_award_rolls_the_check_out_back(hour_rule, make_activity, make_person, now):
    activity = make_activity(
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
        signup_opens_at=now - timedelta(days=1),
        signup_closes_at=now - timedelta(hours=2),
    )
    person = make_person()
    signup_create(activity=activity, person=person, at=activity.signup_opens_at)
    attendance_check_in(
        activity=activity, person=person, method=CheckMethod.MANUAL, at=activity.starts_at
    )
    # The ledger refuses awards dated in the future; the check-out must not stay behind alone.
    with pytest.raises(ValidationError, match="future"):
        attendance_check_out(
            activity=activity,
            person=person,
            method=CheckMethod.MANUAL,
            at=now + timedelta(hours=2),
        )
    assert Attendance.objects.get(person=person).check_out_at is None
    assert not Transaction.objects.exists()


def test_adjustment_up_awards_the_difference(hour_rule, past_activity, serve, leader):
    attendance = serve(past_activity(), 60)
    attendance_adjust_hours(attendance=attendance, hours="1.5", reason="补录", actor=leader.user)
    assert [t.quantity for t in awards(attendance).order_by("id")] == [
        Decimal("1.00"),
        Decimal("0.50"),
    ]
    assert person_balance(attendance.person) == 15
    attendance_adjust_hours(
        attendance=attendance, hours="1.5", reason="再次确认", actor=leader.user
    )
    assert awards(attendance).count() == 2


def test_topping_up_by_quarter_hours_loses_no_fractional_points(
    hour_rule, past_activity, serve, leader
):
    attendance = serve(past_activity(), 60)
    for hours, balance in (("1.25", 12), ("1.5", 15), ("1.75", 17), ("2", 20)):
        attendance_adjust_hours(
            attendance=attendance, hours=hours, reason="补录", actor=leader.user
        )
        assert person_balance(attendance.person) == balance, hours
    assert ledger_problems() == []


def test_adjustment_down_takes_the_excess_back(hour_rule, past_activity, serve, leader):
    attendance = serve(past_activity(), 120)
    first = awards(attendance).get()
    attendance_adjust_hours(attendance=attendance, hours="0.5", reason="早退", actor=leader.user)

    assert person_balance(attendance.person) == 5
    assert Transaction.objects.get(reverses=first).kind == TransactionKind.REVERSAL
    live = awards(attendance).filter(reversal__isnull=True).get()
    assert live.quantity == Decimal("0.50") and live.occurred_at == first.occurred_at
    assert Attendance.objects.get(pk=attendance.pk).hours_rewarded == Decimal("0.50")
    reduced = AuditEntry.objects.get(action="points.award.reduced")
    assert reduced.data["old"]["points"] == 20 and reduced.data["new"]["points"] == 5
    assert reduced.data["why"] == "早退" and reduced.actor == leader.user
    assert ledger_problems() == []
    when = attendance.check_out_at
    wall = wall_people(attendance.activity.team.node, when.year, when.month)
    assert [row.points for row in wall] == [5]


def test_hours_down_and_up_again_never_reuse_a_key(hour_rule, past_activity, serve, leader):
    attendance = serve(past_activity(), 120)
    for hours, balance in (("1", 10), ("2", 20), ("1", 10), ("2", 20), ("0", 0), ("1.5", 15)):
        attendance_adjust_hours(
            attendance=attendance, hours=hours, reason="更正", actor=leader.user
        )
        assert person_balance(attendance.person) == balance
    keys = list(awards(attendance).values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys))
    assert ledger_problems() == []


def test_lowering_hours_frees_the_daily_cap(hour_rule, past_activity, serve, leader, make_person):
    person = make_person()
    morning = serve(past_activity(start_hour=9), 120, person=person)  # 20 points
    serve(past_activity(start_hour=14, title="午后巡逻"), 120, person=person)  # capped: 10
    assert person_balance(person) == 30
    attendance_adjust_hours(attendance=morning, hours="1", reason="更正", actor=leader.user)
    assert person_balance(person) == 20
    # The day has room again for 10 more points.
    serve(past_activity(hours=1, start_hour=18, title="晚间巡逻"), 60, person=person)
    assert person_balance(person) == 30
    assert ledger_problems() == []


def test_lowering_spent_hours_is_refused_and_changes_nothing(
    hour_rule, past_activity, serve, leader, staff, small_tree
):
    attendance = serve(past_activity(), 120)
    goods = goods_create(community=small_tree["community"], actor=staff, name="毛巾", price=18)
    stock_donate(goods=goods, quantity=1, actor=staff)
    order_place(person=attendance.person, goods=goods, actor=None)  # 2 points left
    count = Transaction.objects.count()
    with pytest.raises(ValidationError) as info:
        attendance_adjust_hours(attendance=attendance, hours="1", reason="更正", actor=leader.user)
    assert "already spent" in info.value.message_dict["hours"][0]
    assert Attendance.objects.get(pk=attendance.pk).hours == Decimal("2.00")
    assert Transaction.objects.count() == count
    assert not AuditEntry.objects.filter(action="volunteering.attendance.hours_adjusted").exists()
    # Lowering by no more than what is left is fine.
    attendance_adjust_hours(attendance=attendance, hours="1.8", reason="更正", actor=leader.user)
    assert person_balance(attendance.person) == 0


def test_an_award_staff_reversed_is_not_given_back_by_a_correction(
    hour_rule, past_activity, serve, leader, staff
):
    attendance = serve(past_activity(), 120)
    points_reverse(transaction=awards(attendance).get(), reason="重复登记", actor=staff)
    attendance_adjust_hours(attendance=attendance, hours="1", reason="更正", actor=leader.user)
    assert person_balance(attendance.person) == 0
    assert awards(attendance).filter(reversal__isnull=True).count() == 0


def test_other_service_points_stay_when_hours_go_down(hour_rule, past_activity, serve, leader):
    attendance = serve(past_activity(), 120)
    points_award(
        person=attendance.person,
        reason=Reason.SERVICE_HOUR,
        quantity=1,
        idempotency_key="elsewhere",
        occurred_at=attendance.check_out_at - timedelta(days=40),
    )
    attendance_adjust_hours(attendance=attendance, hours="1", reason="更正", actor=leader.user)
    assert person_balance(attendance.person) == 20


def test_nothing_is_booked_without_the_points_app(past_activity, serve, hour_rule):
    apps_without_points = [a for a in settings.INSTALLED_APPS if a != "gongzhi.points"]
    with override_settings(INSTALLED_APPS=apps_without_points):
        attendance = serve(past_activity(), 60)
        assert award_service_hours(attendance, None) is None
    assert attendance.hours == Decimal("1.00") and attendance.hours_rewarded == Decimal("0")
    assert not Transaction.objects.exists()
