"""Staff entry for a caller, a grid worker's finding and the hotline import page."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from gongzhi.cases.choices import Channel
from gongzhi.cases.models import Case


def _staff_data(**overrides):
    data = {
        "category": "noise",
        "description": "来电反映2幢楼下烧烤店油烟和噪音很大",
        "node": "T-S-C-G2",
        "reporter_name": "李先生",
        "reporter_phone": "13912345678",
        "idempotency_key": "call-0001",
    }
    data.update(overrides)
    return data


def test_residents_and_handlers_may_not_open_staff_entry(world, as_user):
    for name in ("resident", "handler"):
        client = as_user(name)
        assert client.get(reverse("cases:staff_new")).status_code == 403
        assert client.get(reverse("cases:finding_new")).status_code == 403


def test_a_dispatcher_enters_a_callers_case_on_a_grid_without_a_point(world, as_user):
    response = as_user("dispatcher").post(reverse("cases:staff_new"), _staff_data())
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.channel == Channel.STAFF and case.node == world["grid2"]
    assert case.reporter_name == "李先生" and case.created_by == world["users"]["dispatcher"]


def test_a_grid_worker_cannot_enter_a_case_in_another_grid(world, as_user):
    response = as_user("grid_worker").post(reverse("cases:staff_new"), _staff_data())
    assert response.status_code == 400
    assert not Case.objects.exists()
    assert 'id="id_node_error"' in response.content.decode()


def test_the_finding_page_opens_the_camera_and_has_no_contact_fields(world, as_user):
    body = as_user("grid_worker").get(reverse("cases:finding_new")).content.decode()
    assert 'capture="environment"' in body and 'accept="image/*"' in body
    assert 'name="reporter_phone"' not in body


def test_a_finding_is_entered_with_the_grid_worker_channel(world, as_user):
    from tests.cases.conftest import GRID1_POINT, jpeg_bytes

    data = _staff_data(node="", reporter_name="", reporter_phone="", **GRID1_POINT)
    data["photos"] = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    as_user("grid_worker").post(reverse("cases:finding_new"), data)
    case = Case.objects.get()
    assert case.channel == Channel.GRID_WORKER and case.node == world["grid1"]
    assert case.photos.count() == 1


def _sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["工单编号", "来电时间", "诉求内容", "分类", "网格编码", "联系电话"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("orders.xlsx", out.getvalue())


def test_import_is_for_those_who_import(world, as_user):
    assert as_user("grid_worker").get(reverse("cases:import_hotline")).status_code == 403
    assert as_user("dispatcher").get(reverse("cases:import_hotline")).status_code == 200


def test_a_bad_sheet_lists_row_column_and_problem_and_imports_nothing(world, as_user):
    sheet = _sheet(
        [
            ["H-1", "2026-01-05 09:00", "电梯坏了", "property-lift", "T-S-C-G1", "13800000000"],
            ["H-2", "昨天", "<b>噪音</b>", "noise", "T-S-C-G9", "12"],
        ]
    )
    response = as_user("dispatcher").post(reverse("cases:import_hotline"), {"file": sheet})
    body = response.content.decode()
    assert response.status_code == 400 and not Case.objects.exists()
    assert '<table id="problems">' in body
    for column in ("来电时间", "网格编码", "联系电话"):
        assert f"<td>{column}</td>" in body
    assert "<td>3</td>" in body


def test_a_good_sheet_is_imported_once(world, as_user):
    rows = [["H-1", "2026-01-05 09:00", "电梯坏了", "property-lift", "T-S-C-G1", "13800000000"]]
    client = as_user("dispatcher")
    first = client.post(reverse("cases:import_hotline"), {"file": _sheet(rows)})
    second = client.post(reverse("cases:import_hotline"), {"file": _sheet(rows)})
    case = Case.objects.get()
    assert case.channel == Channel.HOTLINE and case.external_id == "H-1"
    assert case.reference in first.content.decode()
    assert "H-1" in second.content.decode() and Case.objects.count() == 1
