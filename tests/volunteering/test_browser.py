"""A volunteer's journey in a real browser: sign up, show a personal code, check in by scanning
the leader's rotating code (whose page refreshes itself through htmx)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from gongzhi.volunteering import codes
from gongzhi.volunteering.choices import CodePurpose
from gongzhi.volunteering.models import Attendance, Signup

SHOTS = Path("test-artifacts/screenshots")


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-for-tests")
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_volunteer_signs_up_and_checks_in_by_scanning(
    new_page, live_server, make_activity, make_person, leader, now
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    activity = make_activity(
        title="垃圾分类指导",
        starts_at=now + timedelta(minutes=20),
        signup_closes_at=now + timedelta(minutes=10),
    )
    volunteer = make_person("周志愿")
    base = live_server.url

    resident = new_page(phone=True)
    log_in(resident, base, volunteer.user)
    resident.goto(base + reverse("volunteering:activity_detail", args=[activity.pk]))
    resident.click("form[action$='/sign-up/'] button")
    resident.wait_for_load_state()
    assert Signup.objects.get(person=volunteer).state == "confirmed"
    resident.goto(base + reverse("volunteering:my_activities"))
    assert resident.locator(".vol-qr svg").count() == 1
    resident.screenshot(path=str(SHOTS / "volunteering-my-code.png"), full_page=True)

    console = new_page(phone=True)
    log_in(console, base, leader.user)
    console.goto(base + reverse("volunteering:rotating_code", args=[activity.pk, "in"]))
    assert console.locator(".vol-qr svg").count() == 1
    console.screenshot(path=str(SHOTS / "volunteering-rotating-code.png"), full_page=True)
    with console.expect_response(
        lambda r: "/code/in/" in r.url and r.request.headers.get("hx-request") == "true",
        timeout=15_000,
    ):
        pass  # the page asks for a fresh code by itself every few seconds

    code = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_IN)
    resident.goto(base + reverse("volunteering:scan", args=[code]))
    resident.click("main form button[type=submit]")
    resident.wait_for_load_state()
    resident.screenshot(path=str(SHOTS / "volunteering-checked-in.png"), full_page=True)
    assert Attendance.objects.get(person=volunteer).check_in_method == "activity_code"
