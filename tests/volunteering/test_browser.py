"""A volunteer's journey in a real browser: sign up, show a personal code, check in by scanning
the leader's rotating code (whose page refreshes itself through htmx)."""

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connections
from django.urls import reverse

from gongzhi.volunteering import codes
from gongzhi.volunteering.choices import CodePurpose
from gongzhi.volunteering.models import Attendance, Signup

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path("test-artifacts/screenshots")


@pytest.fixture
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("GONGZHI_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required but missing")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
        # Queries made while Playwright's loop runs get their own connection; close it so
        # that PostgreSQL can drop the test database afterwards.
        connections.close_all()


def log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "pw-for-tests")
    page.click("form[action$='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_volunteer_signs_up_and_checks_in_by_scanning(
    browser, live_server, make_activity, make_person, leader, now
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    activity = make_activity(
        title="垃圾分类指导",
        starts_at=now + timedelta(minutes=20),
        signup_closes_at=now + timedelta(minutes=10),
    )
    volunteer = make_person("周志愿")
    base = live_server.url
    phone = {"viewport": {"width": 390, "height": 844}}

    resident = browser.new_context(**phone).new_page()
    log_in(resident, base, volunteer.user)
    resident.goto(base + reverse("volunteering:activity_detail", args=[activity.pk]))
    resident.click("form[action$='/sign-up/'] button")
    resident.wait_for_load_state()
    assert Signup.objects.get(person=volunteer).state == "confirmed"
    resident.goto(base + reverse("volunteering:my_activities"))
    assert resident.locator(".vol-qr svg").count() == 1
    resident.screenshot(path=str(SHOTS / "volunteering-my-code.png"), full_page=True)

    console = browser.new_context(**phone).new_page()
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
