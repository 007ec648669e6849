"""The illegal-structure procedure end to end in Chromium: a grid worker logs a patrol finding
with a photo on a phone, the officer investigates and serves the orders (downloading the PDFs),
records the demolition with its area, and the grid worker records a revisit from the list."""

import io
import os
import re

import pytest
from django.db import connection
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from gongzhi.cases.seed import seed_categories
from gongzhi.enforcement.choices import RecordState
from gongzhi.enforcement.models import EnforcementAuthority, IllegalStructure
from gongzhi.org.choices import Force, Level
from gongzhi.org.models import Party, PartyBinding
from gongzhi.org.roles import Role
from gongzhi.org.services import node_create, role_assign
from tests.browser.helpers import login, screenshot
from tests.conftest import square

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-tests"
SPOT = {"latitude": 32.0512, "longitude": 120.0531}


def _jpeg(color) -> dict:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), color).save(out, format="JPEG")
    return {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def _world(django_user_model):
    district = node_create(
        parent=None, level=Level.DISTRICT, name="崇川区", code="J", boundary=square(120, 32, 1)
    )
    street = node_create(
        parent=district,
        level=Level.STREET,
        name="新城桥街道",
        code="J-S",
        boundary=square(120, 32, 0.5),
    )
    community = node_create(
        parent=street,
        level=Level.COMMUNITY,
        name="易家桥新村",
        code="J-S-C",
        boundary=square(120, 32, 0.2),
    )
    grid = node_create(
        parent=community,
        level=Level.GRID,
        name="第一网格",
        code="J-S-C-G1",
        boundary=square(120, 32, 0.1),
    )
    seed_categories()
    bureau = Party.objects.create(name="新城桥街道综合行政执法局", force=Force.ENFORCEMENT)
    PartyBinding.objects.create(party=bureau, node=street)
    EnforcementAuthority.objects.create(
        name="新城桥街道综合行政执法局",
        code="XCQ",
        node=street,
        party=bureau,
        document_prefix="崇新执",
        review_body="南通市崇川区人民政府",
        court="南通市崇川区人民法院",
    )
    worker = django_user_model.objects.create_user(username="wanggeyuan", password=PASSWORD)
    role_assign(user=worker, role=Role.GRID_WORKER, node=grid)
    officer = django_user_model.objects.create_user(username="zhifa", password=PASSWORD)
    role_assign(user=officer, role=Role.ENFORCEMENT_OFFICER, node=street, party=bureau)


def _download_pdf(page, link) -> str:
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\n", "")


def _log_finding(page, live_server):
    page.goto(f"{live_server.url}/enforcement/patrols/")
    with page.expect_navigation():
        page.click("#patrol-start")
    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation(SPOT)
    page.click("#gps-toggle")
    for step in range(5):
        page.context.set_geolocation(
            {"latitude": SPOT["latitude"] + 0.0002 * step, "longitude": SPOT["longitude"]}
        )
        page.wait_for_timeout(300)
    expect(page.locator("#point-count")).to_have_text(re.compile(r"^\s*[1-9]\d*\s*$"))
    assert page.locator("#patrol-grids").inner_text().strip() == "第一网格"
    screenshot(page, "enforcement-01-patrol-gps-phone")
    page.fill("#id_description", "3幢北侧新搭彩钢棚一处,正在施工")
    page.select_option("#id_structure_type", "shed")
    page.fill("#id_area", "18.5")
    page.fill("#id_address", "易家桥新村3幢北侧")
    page.fill("#id_party_name", "王建国")
    page.set_input_files("#id_photos", [_jpeg((180, 60, 40))])
    assert page.input_value("#id_lat")
    with page.expect_navigation():
        page.click("#finding-submit")
    assert page.locator(".message.success").is_visible()
    screenshot(page, "enforcement-02-finding-logged-phone")
    with page.expect_navigation():
        page.click("#patrol-end")


def _officer_works_the_record(page, live_server, record):
    page.goto(f"{live_server.url}/enforcement/")
    assert page.locator(".record.sla-green, .record.sla-yellow, .record.sla-red").count() == 1
    with page.expect_navigation():
        page.click(f"text={record.address}")
    assert page.locator("#record-state").is_visible()
    screenshot(page, "enforcement-03-record-found")
    page.fill(
        "#id_investigate-facts", "未取得建设工程规划许可证,在3幢北侧搭建彩钢棚,约18.5平方米。"
    )
    with page.expect_navigation():
        page.click("button[name=investigate]")
    with page.expect_navigation():
        page.click("button[name=issue-stop_order]")
    text = _download_pdf(page, page.locator("#documents a:has-text('PDF')").first)
    assert "责令停止违法行为通知书" in text and "王建国" in text
    document = record.documents.get()
    page.set_input_files(f"#id_service-{document.pk}-receipt_photo", [_jpeg((230, 230, 230))])
    with page.expect_navigation():
        page.click(f"button[name=serve-{document.pk}]")
    with page.expect_navigation():
        page.click("button[name=issue-demolition_order]")
    text = _download_pdf(page, page.locator("#documents a:has-text('PDF')").nth(1))
    assert "限期拆除决定书" in text and "崇新执拆字" in text and "行政复议" in text
    order = record.documents.get(kind="demolition_order")
    with page.expect_navigation():
        page.click(f"button[name=serve-{order.pk}]")
    screenshot(page, "enforcement-04-orders-served")
    page.click(
        "#steps summary:has-text('自行拆除'), #steps details:has(button[name=demolish]) summary"
    )
    page.fill("#id_demolish-area_removed", "18.5")
    page.set_input_files("#id_demolish-photos_after", [_jpeg((40, 160, 60))])
    with page.expect_navigation():
        page.click("button[name=demolish]")
    assert page.locator("#area-removed").inner_text() == "18.50"
    screenshot(page, "enforcement-05-demolished")


def test_patrol_finding_to_revisit(new_page, live_server, transactional_db, django_user_model):
    try:
        _world(django_user_model)
        phone = new_page(phone=True)
        login(phone, live_server, "wanggeyuan", PASSWORD, next_url="/enforcement/patrols/")
        _log_finding(phone, live_server)
        record = IllegalStructure.objects.get()
        assert record.case.photos.count() == 1 and record.patrol is not None

        desk = new_page()
        login(desk, live_server, "zhifa", PASSWORD, next_url="/enforcement/")
        _officer_works_the_record(desk, live_server, record)
        record.refresh_from_db()
        assert record.state == RecordState.DEMOLISHED
        assert str(record.area_removed) == "18.50"

        phone.goto(f"{live_server.url}/enforcement/revisits/?within=30")
        with phone.expect_navigation():
            phone.click(".check-link")
        phone.check("input[name=relapsed][value=no]")
        phone.set_input_files("#id_photos", [_jpeg((120, 180, 120))])
        phone.fill("#id_note", "现场已恢复绿化,无反弹")
        with phone.expect_navigation():
            phone.click("main button[type=submit]")
        assert phone.locator(".message.success").is_visible()
        screenshot(phone, "enforcement-06-revisit-recorded-phone")
        record.refresh_from_db()
        assert record.last_revisit_outcome == "holds"
        for page in (phone, desk):
            assert page.js_errors == [] and page.external_requests == []
    finally:
        # Playwright's loop runs ORM calls in another context with its own connection.
        connection.close()
