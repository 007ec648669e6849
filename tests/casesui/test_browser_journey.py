"""The case loop in a phone's browser (390×844): a resident reports with a photo → the grid
worker sees it in the queue → the dispatcher accepts and dispatches it to the property
company → the handler resolves it with an after-photo → the grid worker verifies and closes
it → the resident rates it. Screenshots of each step land in test-artifacts/screenshots/."""

import os

import pytest
from playwright.sync_api import expect

from gongzhi.cases.choices import State
from gongzhi.cases.models import Case, Rating
from gongzhi.cases.seed import seed_categories
from tests.browser.helpers import login, screenshot

from .conftest import GRID1_POINT, jpeg_bytes

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-tests"


def _photo(name, color):
    return {"name": name, "mimeType": "image/jpeg", "buffer": jpeg_bytes((800, 600), color)}


def _act(page, action, fill=None, shot=None):
    """Open an action on the case page, fill it, send it and wait for the swapped panel."""
    page.click(f"#action-{action} > summary")
    form = page.locator(f"#action-{action} form")
    if fill:
        fill(form)
    if shot:
        screenshot(page, shot)
    with page.expect_response(lambda r: f"/act/{action}/" in r.url):
        form.locator("button[type=submit]").click()


def _state(page, state):
    page.wait_for_selector(f'#case-state[data-state="{state}"]')


def _clean(page):
    assert page.js_errors == [], page.js_errors
    assert page.external_requests == [], page.external_requests


def test_a_report_goes_round_the_loop_on_a_phone(new_page, live_server, world):
    seed_categories()

    # 1. The resident reports from their phone, placed by the device's location.
    resident = new_page(phone=True)
    resident.context.grant_permissions(["geolocation"], origin=live_server.url)
    resident.context.set_geolocation(
        {"latitude": GRID1_POINT["lat"], "longitude": GRID1_POINT["lon"]}
    )
    login(resident, live_server, "resident", PASSWORD, next_url="/report/")
    expect(resident.locator("#pick-map")).to_have_attribute("data-grids", "2")
    resident.click("#locate-me")
    resident.wait_for_selector("#pick-map .gz-pin")
    assert resident.input_value("#id_lat") == str(GRID1_POINT["lat"])
    resident.fill("#category-search", "电梯")
    resident.wait_for_selector("label[for=cat-facilities-lift]")
    resident.click("label[for=cat-facilities-lift]")
    resident.wait_for_selector("input[name=q_trapped]")
    resident.check("input[name=q_trapped][value=无人被困]")
    resident.fill("#id_q_floor", "7")
    resident.fill("#id_description", "3幢1单元电梯停在7楼不动,按钮没反应,老人上不了楼")
    resident.set_input_files("#id_photos", [_photo("lift.jpg", (90, 90, 95))])
    resident.wait_for_selector("#check .place-line:has-text('第1网格')")
    screenshot(resident, "cases-journey-1-resident-reports")
    with resident.expect_navigation():
        resident.click("#report-form button[type=submit].wide")
    reference = resident.locator(".reference").inner_text().strip()
    case = Case.objects.get(reference=reference)
    assert case.photos.count() == 1 and case.node == world["grid1"]
    screenshot(resident, "cases-journey-2-report-received")
    _clean(resident)

    # 2. The grid worker finds it in their grid's queue.
    worker = new_page(phone=True)
    login(worker, live_server, "grid_worker", PASSWORD, next_url="/cases/?queue=grid")
    assert worker.locator(f"#row-{reference}").is_visible()
    screenshot(worker, "cases-journey-3-grid-worker-queue")

    # 3. The dispatcher accepts it and dispatches it to the property company.
    dispatcher = new_page(phone=True)
    login(dispatcher, live_server, "dispatcher", PASSWORD, next_url=case.get_absolute_url())
    dispatcher.wait_for_selector("#case-map .gz-pin")
    _act(dispatcher, "accept")
    _state(dispatcher, State.ACCEPTED)
    _act(dispatcher, "dispatch", shot="cases-journey-4a-dispatch-form")
    _state(dispatcher, State.DISPATCHED)
    assert "观河华府物业服务中心" in dispatcher.locator("#case-panel").inner_text()
    screenshot(dispatcher, "cases-journey-4-dispatched")
    _clean(dispatcher)

    # 4. The property company's handler resolves it with a photo of the result.
    handler = new_page(phone=True)
    login(handler, live_server, "handler", PASSWORD, next_url="/cases/?queue=mine")
    with handler.expect_navigation():
        handler.click(f"#row-{reference} a.ref")
    _act(
        handler,
        "resolve",
        lambda form: (
            form.locator("textarea").fill("已更换电梯控制板,运行正常"),
            form.locator("input[type=file]").set_input_files([_photo("done.jpg", (40, 160, 80))]),
        ),
    )
    _state(handler, State.RESOLVED)
    handler.wait_for_selector("#case-panel .photos img")
    screenshot(handler, "cases-journey-5-resolved-with-photo")
    _clean(handler)

    # 5. The grid worker checks on site and closes it.
    worker.goto(f"{live_server.url}{case.get_absolute_url()}")
    _act(worker, "verify_pass")
    _state(worker, State.CLOSED)
    screenshot(worker, "cases-journey-6-verified-closed")
    _clean(worker)

    # 6. The resident sees the message and rates the result.
    resident.goto(f"{live_server.url}/report/mine/")
    assert resident.locator(".nav-badge").is_visible()
    with resident.expect_navigation():
        resident.click(f"#report-{reference} h2 a")
    resident.check("#id_contacted_0")
    resident.check("#id_solved_0")
    resident.check("#id_satisfied_0")
    resident.fill("#id_comment", "修得很快,谢谢")
    with resident.expect_navigation():
        resident.click("#rate button[type=submit]")
    assert resident.locator(".message.success").is_visible()
    screenshot(resident, "cases-journey-7-rated")
    _clean(resident)
    rating = Rating.objects.get(case=case)
    assert (rating.contacted, rating.solved, rating.satisfied) == (True, True, True)


def test_the_case_map_draws_grids_and_clustered_points(new_page, live_server, world, report):
    from .conftest import GRID2_POINT

    for n in range(6):
        report(
            description=f"电梯故障{n}", lat=GRID1_POINT["lat"] + n * 1e-4, lon=GRID1_POINT["lon"]
        )
    late = report(description="电梯一直没人修", **GRID2_POINT)
    Case.objects.filter(pk=late.pk).update(step_deadline_at="2000-01-01T00:00:00Z")
    page = new_page(phone=True)
    login(page, live_server, "staff", PASSWORD, next_url="/cases/map/")
    expect(page.locator("#case-map")).to_have_attribute("data-points", "7")
    assert page.locator("#case-map path.gz-grid").count() == 2
    assert page.locator("#case-map .marker-cluster").count() >= 1
    page.check("#measure-overdue")
    screenshot(page, "cases-map-phone")
    _clean(page)
