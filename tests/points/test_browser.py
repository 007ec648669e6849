"""A resident orders in the store and a clerk hands the item over, in Chromium."""

from pathlib import Path

import pytest

from gongzhi.points.models import Order

SHOTS = Path("test-artifacts/screenshots")


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests")
    page.click("button[type=submit]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_resident_orders_and_clerk_hands_over(
    new_page, live_server, make_person, fund, make_goods, clerk
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    resident = make_person("王小明")
    fund(resident, 100)
    make_goods(name="毛巾", price=30, stock=5)

    page = new_page(phone=True)
    log_in(page, live_server.url, resident.user.username)
    page.goto(f"{live_server.url}/points/store/")
    page.click("text=毛巾")
    page.click("[data-testid=order]")
    page.wait_for_selector("[data-testid=code]")
    code = page.inner_text("[data-testid=code]").strip()
    assert page.locator(".qr svg").count() == 1
    page.screenshot(path=str(SHOTS / "points-order-code.png"), full_page=True)

    clerk_page = new_page(phone=True)
    log_in(clerk_page, live_server.url, clerk.username)
    clerk_page.goto(f"{live_server.url}/points/clerk/")
    clerk_page.fill("input[name=code]", code.lower())
    clerk_page.click("form[method=get] button")
    clerk_page.wait_for_selector("[data-testid=clerk-order]")
    clerk_page.click("[data-testid=clerk-order] button")
    clerk_page.wait_for_selector(".result-ok")
    clerk_page.screenshot(path=str(SHOTS / "points-clerk-handed-over.png"), full_page=True)

    assert Order.objects.get().state == "handed_over"
    page.reload()
    assert page.locator("[data-testid=code]").count() == 0
