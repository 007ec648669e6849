"""A volunteer's whole journey on phones: sign up for an activity that is happening now,
check in by scanning the leader's rotating code, be checked out by the leader scanning the
volunteer's personal code two hours later, see the points arrive, order in the store, and
have the clerk scan the order's code and hand the item over.

Every QR code is read off the screen (as a phone camera would) and the URL it holds is opened
on the other person's phone. The two hours of service pass by moving the platform's clock
forward (``timezone.now``, which the live server shares with the test).
"""

import datetime as dt
import os
from decimal import ROUND_FLOOR, Decimal

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from gongzhi.org.roles import Role
from gongzhi.org.services import person_create, role_assign
from gongzhi.points.choices import OrderState, Reason
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Order
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import goods_create, rule_set, stock_donate
from gongzhi.volunteering.choices import CheckMethod, SignupState, TeamRole
from gongzhi.volunteering.models import Attendance, Signup
from gongzhi.volunteering.services import (
    activity_create,
    activity_publish,
    team_create,
    team_member_set,
)
from tests.browser.helpers import login, read_qr, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests"
POINTS_PER_HOUR = 10
PRICE = 15


@pytest.fixture
def clock(monkeypatch):
    """Move the platform's clock forward: ``clock(hours=2)``."""
    real_now = timezone.now
    shift = {"by": dt.timedelta(0)}
    monkeypatch.setattr(timezone, "now", lambda: real_now() + shift["by"])

    def advance(**delta):
        shift["by"] += dt.timedelta(**delta)

    return advance


@pytest.fixture
def world(small_tree, make_user):
    """新胜 in small: a team with its leader, a volunteer, a clerk, a rule and a stocked store."""
    community = small_tree["community"]
    staff = make_user("shequ")
    role_assign(user=staff, role=Role.STAFF, node=community)
    clerk = make_user("dianyuan")
    role_assign(user=clerk, role=Role.STORE_CLERK, node=community)
    leader = person_create(node=small_tree["b1"], name="王队长", user=make_user("duizhang"))
    volunteer = person_create(node=small_tree["b1"], name="周志愿", user=make_user("zhou"))
    team = team_create(node=community, name="红网·文明治理服务队")
    team_member_set(team=team, person=leader, role=TeamRole.LEADER)
    rule_set(
        community=community,
        reason=Reason.SERVICE_HOUR,
        points_per_unit=POINTS_PER_HOUR,
        daily_cap=40,
        actor=staff,
    )
    goods = goods_create(community=community, actor=staff, name="毛巾", price=PRICE)
    stock_donate(goods=goods, quantity=5, actor=staff)
    # Happening now: it started half an hour ago and runs two more hours; sign-up still open.
    now = timezone.now().replace(second=0, microsecond=0)
    activity = activity_publish(
        activity=activity_create(
            team=team,
            title="楼道焕新颜清洁行动",
            location="观河华府3幢楼道",
            starts_at=now - dt.timedelta(minutes=30),
            ends_at=now + dt.timedelta(hours=2),
            capacity=5,
            signup_opens_at=now - dt.timedelta(days=3),
            signup_closes_at=now + dt.timedelta(hours=1),
        )
    )
    return {"activity": activity, "volunteer": volunteer, "goods": goods}


def test_volunteer_earns_points_and_spends_them_in_the_store(new_page, live_server, world, clock):
    activity, volunteer = world["activity"], world["volunteer"]
    base = live_server.url
    phone = new_page(phone=True)
    leader_phone = new_page(phone=True)
    clerk_phone = new_page(phone=True)
    try:
        # 1. The volunteer signs up on their phone.
        login(phone, live_server, "zhou", PASSWORD)
        phone.goto(base + reverse("volunteering:activity_detail", args=[activity.pk]))
        with phone.expect_navigation():
            phone.click("form[action$='/sign-up/'] button")
        assert Signup.objects.get(person=volunteer).state == SignupState.CONFIRMED
        screenshot(phone, "journey-01-signed-up")

        # 2. The leader shows the rotating check-in code; the volunteer's phone opens it.
        login(leader_phone, live_server, "duizhang", PASSWORD)
        leader_phone.goto(base + reverse("volunteering:rotating_code", args=[activity.pk, "in"]))
        check_in_url = read_qr(leader_phone.locator(".vol-qr svg"))
        assert "/volunteering/scan/" in check_in_url
        screenshot(leader_phone, "journey-02-leader-check-in-code")
        phone.goto(check_in_url)
        with phone.expect_navigation():
            phone.click("main form button[type=submit]")
        assert Attendance.objects.get(person=volunteer).check_in_method == CheckMethod.ACTIVITY_CODE
        screenshot(phone, "journey-03-checked-in")

        # 3. Two hours later the leader scans the volunteer's personal code to check them out.
        clock(hours=2)
        phone.goto(base + reverse("volunteering:my_activities"))
        personal_url = read_qr(phone.locator(".vol-qr svg"))
        screenshot(phone, "journey-04-personal-code")
        leader_phone.goto(personal_url)
        with leader_phone.expect_navigation():
            leader_phone.click("main form button[value=out]")
        attendance = Attendance.objects.get(person=volunteer)
        assert attendance.check_out_method == CheckMethod.PERSONAL_CODE
        assert Decimal("1.9") < attendance.hours <= Decimal("2.00")
        screenshot(leader_phone, "journey-05-leader-checked-out")

        # 4. The points have arrived on "my points".
        earned = int((attendance.hours * POINTS_PER_HOUR).to_integral_value(ROUND_FLOOR))
        phone.goto(base + reverse("points:my_points"))
        assert phone.inner_text("[data-testid=balance]").strip() == str(earned)
        assert phone.locator("td.plus", has_text=f"+{earned}").count() == 1
        screenshot(phone, "journey-06-my-points")

        # 5. The volunteer orders a towel and gets a one-time code.
        phone.goto(base + reverse("points:store"))
        phone.click("text=毛巾")
        phone.click("[data-testid=order]")
        phone.wait_for_selector("[data-testid=code]")
        order_url = read_qr(phone.locator(".qr svg"))
        screenshot(phone, "journey-07-order-code")

        # 6. The clerk scans the order's code and hands the towel over.
        login(clerk_phone, live_server, "dianyuan", PASSWORD)
        clerk_phone.goto(order_url)
        clerk_phone.wait_for_selector("[data-testid=clerk-order]")
        clerk_phone.click("[data-testid=clerk-order] button")
        clerk_phone.wait_for_selector(".result-ok")
        screenshot(clerk_phone, "journey-08-clerk-handed-over")

        order = Order.objects.get(person=volunteer)
        assert order.state == OrderState.HANDED_OVER
        assert person_balance(volunteer) == earned - PRICE
        assert ledger_problems() == []
        for page in (phone, leader_phone, clerk_phone):
            assert page.js_errors == [] and page.external_requests == []
    finally:
        # Queries made between Playwright calls use a connection of their own; close it so
        # that PostgreSQL can drop the test database.
        connections.close_all()
