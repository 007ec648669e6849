"""Hotline (12345) Excel import: all rows checked first, all or nothing, re-import creates nothing."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from openpyxl import Workbook

from gongzhi.cases.choices import Channel
from gongzhi.cases.models import Case
from gongzhi.cases.services import HotlineImportError, hotline_import

HEADER = ["工单编号", "来电时间", "诉求内容", "地址", "经度", "纬度", "分类", "来电人", "联系电话"]


def sheet(rows, header=HEADER) -> io.BytesIO:
    book = Workbook()
    ws = book.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def good_rows():
    return [
        [
            "12345-2026-0001",
            "2026-11-20 09:15",
            "3幢电梯停运",
            "观河华府3幢",
            120.05,
            32.05,
            "property-lift",
            "王先生",
            "13800001111",
        ],
        [
            "12345-2026-0002",
            "2026/11/20 10:02",
            "楼下广场舞太吵",
            "观河华府中心广场",
            120.15,
            32.05,
            "噪音扰民",
            "",
            "",
        ],
    ]


def test_import_keeps_the_order_numbers_and_reimport_creates_nothing(world):
    staff = world["users"]["staff"]
    result = hotline_import(file=sheet(good_rows()), actor=staff)
    assert len(result.created) == 2 and result.skipped == []
    case = Case.objects.get(external_id="12345-2026-0001")
    assert (case.channel, case.node, case.reporter_phone) == (
        Channel.HOTLINE,
        world["grid1"],
        "13800001111",
    )
    assert timezone.localtime(case.reported_at).strftime("%Y-%m-%d %H:%M") == "2026-11-20 09:15"
    assert Case.objects.get(external_id="12345-2026-0002").category == world["noise"]
    again = hotline_import(file=sheet(good_rows()), actor=staff)
    assert again.created == [] and sorted(again.skipped) == ["12345-2026-0001", "12345-2026-0002"]
    assert Case.objects.count() == 2


def test_one_bad_row_writes_nothing_and_names_row_column_problem(world):
    rows = good_rows() + [
        ["12345-2026-0003", "昨天", "", "", "east", 32.05, "不存在的分类", "", "abc"],
        ["12345-2026-0001", "2026-11-20 09:15", "重复", "", 120.05, 32.05, "noise", "", ""],
    ]
    with pytest.raises(HotlineImportError) as info:
        hotline_import(file=sheet(rows), actor=world["users"]["staff"])
    found = {(p.row, p.column) for p in info.value.problems}
    assert found == {
        (4, "来电时间"),
        (4, "诉求内容"),
        (4, "分类"),
        (4, "经度"),
        (4, "联系电话"),
        (5, "工单编号"),
    }
    assert any("row 5" in m for m in info.value.messages)
    assert not Case.objects.exists()


def test_missing_columns_and_non_excel_files_are_refused(world):
    staff = world["users"]["staff"]
    with pytest.raises(HotlineImportError) as info:
        hotline_import(file=sheet([], header=["工单编号", "地址"]), actor=staff)
    assert {p.column for p in info.value.problems} == {"来电时间", "诉求内容", "分类"}
    with pytest.raises(HotlineImportError):
        hotline_import(file=io.BytesIO(b"PK\x03\x04 not really a zip"), actor=staff)
    assert not Case.objects.exists()


def test_rows_outside_the_importers_area_are_refused(world):
    with pytest.raises(HotlineImportError) as info:
        hotline_import(file=sheet(good_rows()), actor=world["users"]["grid_worker"])
    assert {p.row for p in info.value.problems} == {2, 3}
    with pytest.raises(PermissionDenied):
        hotline_import(file=sheet(good_rows()), actor=None)
    assert not Case.objects.exists()


def test_command_reports_problems_and_imports(world, tmp_path):
    from django.core.management import CommandError, call_command

    good = tmp_path / "orders.xlsx"
    good.write_bytes(sheet(good_rows()).getvalue())
    call_command("import_hotline", str(good), "--user", "staff")
    assert Case.objects.count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(sheet([["X-1", "", "", "", "", "", "", "", ""]]).getvalue())
    with pytest.raises(CommandError) as info:
        call_command("import_hotline", str(bad), "--user", "staff")
    assert "row 2" in str(info.value)
