"""The enforcement pages over HTTP: who sees what, the steps through the forms, flat query
counts on the lists."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gongzhi.enforcement.choices import RecordState
from gongzhi.enforcement.models import IllegalStructure
from tests.enforcement.conftest import jpeg
from tests.enforcement.helpers import days_ago, drive

PAGES = [
    "/enforcement/",
    "/enforcement/ledger/",
    "/enforcement/revisits/",
    "/enforcement/patrols/",
    "/enforcement/coverage/",
    "/enforcement/detections/",
]


def photo(name="p.jpg"):
    return SimpleUploadedFile(name, jpeg(), content_type="image/jpeg")


@pytest.mark.parametrize("url", PAGES)
def test_pages_need_a_login_and_render(world, client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(world["users"]["officer"])
    assert client.get(url).status_code == 200


def test_record_list_highlights_overdue_records(world, client, open_structure):
    open_structure()
    client.force_login(world["users"]["officer"])
    content = client.get("/enforcement/").content.decode()
    assert "sla-red" in content and "测试社区3幢北侧" in content
    client.force_login(world["users"]["other_grid_worker"])
    assert "测试社区3幢北侧" not in client.get("/enforcement/").content.decode()


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/enforcement/", "/enforcement/ledger/", "/enforcement/revisits/?within=90"]
)
def test_list_query_counts_stay_flat(world, client, open_structure, url, cache_clock):
    officer = world["users"]["officer"]
    client.force_login(officer)
    drive(open_structure(address="1号"), RecordState.DEMOLISHED, officer)
    _count(client, url)  # the caches (calendar, unread badge) filled once
    few = _count(client, url)
    for n in range(5):
        drive(open_structure(address=f"{n + 2}号"), RecordState.DEMOLISHED, officer)
    _count(client, url)
    assert _count(client, url) == few


def test_record_page_offers_only_what_the_user_may_do(world, client, open_structure):
    record = open_structure()
    url = f"/enforcement/records/{record.pk}/"
    client.force_login(world["users"]["grid_worker"])
    page = client.get(url).content.decode()
    assert 'name="investigate"' not in page and "张三" in page
    client.force_login(world["users"]["officer"])
    page = client.get(url).content.decode()
    assert 'name="investigate"' in page and 'name="dismiss"' in page
    client.force_login(world["users"]["other_grid_worker"])
    assert client.get(url).status_code == 404


def test_the_procedure_through_the_forms(world, client, open_structure):
    record = open_structure()
    base = f"/enforcement/records/{record.pk}"
    client.force_login(world["users"]["officer"])
    bad = client.post(f"{base}/investigate/", {"investigate-facts": ""})
    assert bad.status_code == 400
    assert (
        client.post(
            f"{base}/investigate/",
            {"investigate-facts": "搭建彩钢棚", "investigate-area_found": "20.5"},
        ).status_code
        == 302
    )
    record.refresh_from_db()
    assert record.state == RecordState.INVESTIGATED and str(record.area_found) == "20.50"
    response = client.post(
        f"{base}/issue/stop_order/",
        {"stop_order-issued_on": days_ago(3).isoformat(), "stop_order-facts": "搭建彩钢棚"},
    )
    assert response.status_code == 302
    document = record.documents.get()
    response = client.post(
        f"{base}/documents/{document.pk}/service/",
        {
            f"service-{document.pk}-served_on": days_ago(2).isoformat(),
            f"service-{document.pk}-method": "direct",
            f"service-{document.pk}-recipient": "张三",
            f"service-{document.pk}-receipt_photo": photo(),
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.state == RecordState.STOP_ORDER_SERVED
    response = client.post(
        f"{base}/demolish/",
        {
            "demolish-method": "self",
            "demolish-area_removed": "20.5",
            "demolish-demolished_on": days_ago(1).isoformat(),
            "demolish-photos_after": [photo("a.jpg"), photo("b.jpg")],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert (
        record.state == RecordState.DEMOLISHED and record.photos.filter(stage="after").count() == 2
    )


def test_steps_refused_by_role_answer_403(world, client, open_structure):
    record = open_structure()
    client.force_login(world["users"]["grid_worker"])
    response = client.post(
        f"/enforcement/records/{record.pk}/investigate/", {"investigate-facts": "x"}
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.state == RecordState.FOUND


def test_ledger_filters_totals_and_export(world, client, open_structure):
    officer = world["users"]["officer"]
    drive(open_structure(area_found="10"), RecordState.DEMOLISHED, officer)
    open_structure(area_found="5.5", address="另一处")
    client.force_login(officer)
    page = client.get("/enforcement/ledger/?state=demolished").content.decode()
    totals = page[page.index('id="ledger-totals"') :][:600]
    assert "<strong>10.00</strong>" in totals, totals
    response = client.get("/enforcement/ledger/?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["违建台账", "汇总"]
    assert book["违建台账"]["A1"].value == "编号"
    assert book["违建台账"].max_row == 3
    assert book["汇总"]["B3"].value == 15.5


def test_ledger_import_page_reports_bad_rows(world, client):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(
        ["网格编码", "违建地址", "违建类型", "发现方式", "发现日期", "测量面积(㎡)", "状态"]
    )
    book.active.append([world["grid1"].code, "1号", "搭棚", "巡查发现", "2026-01-05", -1, "已发现"])
    out = io.BytesIO()
    book.save(out)
    client.force_login(world["users"]["officer"])
    upload = SimpleUploadedFile("ledger.xlsx", out.getvalue())
    response = client.post("/enforcement/ledger/import/", {"file": upload})
    assert response.status_code == 400
    assert "测量面积(㎡)" in response.content.decode()
    assert not IllegalStructure.objects.exists()
    client.force_login(world["users"]["grid_worker"])
    assert client.get("/enforcement/ledger/import/").status_code == 403


def test_revisit_from_the_campaign_list(world, client, open_structure):
    record = drive(open_structure(), RecordState.DEMOLISHED, world["users"]["officer"])
    first = record.revisits.order_by("seq").first()
    client.force_login(world["users"]["grid_worker"])
    page = client.get("/enforcement/revisits/?within=30").content.decode()
    assert f"/enforcement/revisits/{first.pk}/" in page
    response = client.post(
        f"/enforcement/revisits/{first.pk}/",
        {"relapsed": "no", "photos": photo(), "note": "无反弹"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.outcome == "holds"
    client.force_login(world["users"]["staff"])
    second = record.revisits.order_by("seq").last()
    assert client.get(f"/enforcement/revisits/{second.pk}/").status_code == 403


def test_home_panel_for_those_who_see_records(world, client, open_structure):
    open_structure()
    client.force_login(world["users"]["officer"])
    assert "/enforcement/revisits/" in client.get("/").content.decode()
    client.force_login(world["users"]["stranger"])
    assert "/enforcement/revisits/" not in client.get("/").content.decode()


def test_open_a_record_for_a_residents_case(world, client):
    from gongzhi.cases.models import Category
    from gongzhi.cases.services import case_report

    resident = world["users"]["stranger"]
    case = case_report(
        category=Category.objects.get(code="construction-illegal-building"),
        description="楼下邻居在院子里圈地搭棚",
        channel="web",
        actor=resident,
        answers={"structure_type": "院落圈占"},
        photos=[jpeg()],
        lat=32.05,
        lon=120.05,
    )
    client.force_login(world["users"]["staff"])
    url = f"/enforcement/cases/{case.reference}/record/"
    response = client.post(
        url, {"structure_type": "yard", "area_found": "25", "address": "3幢院子"}
    )
    assert response.status_code == 302
    record = IllegalStructure.objects.get()
    assert record.case == case and record.found_by == "resident"
    assert client.get(url).status_code == 302  # it has its record now


def test_the_case_reference_box_leads_to_the_cases_record(world, client, patrol_structure):
    record = patrol_structure()
    client.force_login(world["users"]["officer"])
    response = client.get("/enforcement/cases/record/", {"case": record.case.reference})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == f"/enforcement/records/{record.pk}/"
    assert client.get("/enforcement/cases/record/", {"case": "NOPE-1"}).status_code == 302
    assert client.get("/enforcement/cases/NOPE-1/record/").status_code == 404
