"""Sign-in journeys: a new resident with a phone code (console SMS backend) reaches "my
reports"; a staff member must set up an authenticator before reaching personal data."""

import base64
import os
import re

import pytest
from django_otp.oath import totp

from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from tests.browser.helpers import login, screenshot
from tests.ui.factories import build_xinsheng

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def test_a_new_resident_signs_in_with_a_phone_code(
    phone_page, live_server, transactional_db, settings, capsys
):
    settings.GONGZHI_SMS_BACKEND = "gongzhi.accounts.sms.ConsoleSmsBackend"
    build_xinsheng(grids=1, microgrids_per_grid=1)
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Sign in with a phone code").click()
    page.fill("#id_phone", "138 1234 5678")
    with page.expect_navigation():
        page.get_by_role("button", name="Send me a code").click()
    code = re.search(r"\b(\d{6})\b", capsys.readouterr().err).group(1)
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in", exact=True).click()
    assert "/accounts/welcome/" in page.url
    page.fill("#id_display_name", "张小明")
    page.check("#id_consent")
    screenshot(page, "signin-welcome-phone")
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert "/report/mine/" in page.url
    assert "张小明" in page.locator("header").inner_text()
    assert page.js_errors == [] and page.external_requests == []


def test_staff_must_set_up_an_authenticator_before_personal_data(
    page, live_server, transactional_db, settings, django_user_model
):
    settings.GONGZHI_REQUIRE_SECOND_FACTOR = True
    tree = build_xinsheng(grids=1, microgrids_per_grid=1)
    staff = django_user_model.objects.create_user(username="shequ", password="pw-for-tests")
    role_assign(user=staff, role=Role.STAFF, node=tree.community)
    people = f"/org/nodes/{tree.community.code}/people/"
    login(page, live_server, "shequ", "pw-for-tests", next_url=people)
    assert "/accounts/2fa/setup/" in page.url
    assert page.locator("main img[alt]").first.is_visible()
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret)
    page.fill("#id_token", f"{totp(key):06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()
    assert page.locator("#recovery-codes li").count() == 10
    with page.expect_navigation():
        page.get_by_role("link", name="Continue").click()
    assert page.url.endswith(people)
    assert "新胜社区" in page.locator("main h1").first.inner_text()
    screenshot(page, "staff-people-after-totp")
    assert page.js_errors == []
