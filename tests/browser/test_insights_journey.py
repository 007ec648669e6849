"""A street supervisor on a phone: opens the cockpit, drills from a lagging grid's on-time rate
to its late cases, builds the month's briefing, edits a paragraph, approves it and downloads
the PDF and the Word document."""

import os

import pytest

from gongzhi.insights.periods import current_period
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from tests.browser.helpers import login, screenshot
from tests.cases.conftest import categories  # noqa: F401
from tests.insights.conftest import History, local

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def _month(small_tree, lift):
    period = current_period().previous()
    history = History(lift)
    late = None
    for grid, on_time in [("grid1", True), ("grid1", True), ("grid2", True), ("grid2", False)]:
        case = history.case(small_tree[grid], local(period.year, period.month, 3))
        history.close(case, local(period.year, period.month, 6), on_time=on_time)
        if not on_time:
            late = case
    return period, late


def test_supervisor_drills_down_and_approves_the_briefing(
    new_page,
    live_server,
    transactional_db,
    small_tree,
    categories,  # noqa: F811
    django_user_model,
    tmp_path,
):
    period, late = _month(small_tree, categories["lift"])
    user = django_user_model.objects.create_user("jiedao", password="pw-for-tests")
    role_assign(user=user, role=Role.SUPERVISOR, node=small_tree["street"])
    page = new_page(phone=True)
    login(page, live_server, "jiedao", "pw-for-tests", next_url="/insights/")
    assert "/insights/T-S/" in page.url

    page.goto(f"{live_server.url}/insights/T-S/?period={period}")
    page.click('#ranking tr[data-node="T-S-C"] td a')
    row = page.locator('#ranking tr[data-node="T-S-C-G2"]')
    assert row.locator('a[data-kpi="closed_on_time_rate"]').inner_text() == "50.0%"
    screenshot(page, "insights-cockpit-phone")
    row.locator('a[data-kpi="closed_on_time_rate"]').click()
    records = page.locator("#records tbody tr")
    assert records.count() == 1
    assert late.reference in records.first.inner_text()

    page.goto(f"{live_server.url}/insights/T-S-C/?period={period}")
    page.click("#briefing-link")
    page.click("#generate")
    numbers = page.locator("#briefing a.kpi-num")
    assert numbers.count() > 5
    assert "÷" in (numbers.first.get_attribute("title") or "") or numbers.first.get_attribute(
        "title"
    )
    page.fill('textarea[name="slot:after:headline"]', "本月电梯类诉求集中，已约谈物业。")
    page.click("#save-narrative")
    assert "本月电梯类诉求集中" in page.locator("#briefing").inner_text()
    page.click("#approve")
    assert page.locator("#approve").count() == 0 and page.locator("#publish").count() == 1
    screenshot(page, "insights-briefing-phone")

    for link, magic in (("#download-pdf", b"%PDF"), ("#download-docx", b"PK")):
        with page.expect_download() as info:
            page.click(link)
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        assert path.read_bytes().startswith(magic)
    assert not page.js_errors
    assert not page.external_requests
