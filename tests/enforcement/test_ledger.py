"""The ledger: totals from the database equal the sums over its records; Excel export and
import round-trip; an import with a bad row writes nothing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongzhi.core.models import AuditEntry
from gongzhi.enforcement.choices import RecordState
from gongzhi.enforcement.exports import ledger_workbook
from gongzhi.enforcement.ledger import COLUMNS, LEDGER_SHEET
from gongzhi.enforcement.models import (
    Detection,
    EnforcementDocument,
    IllegalStructure,
    PatrolFinding,
    ServiceRecord,
)
from gongzhi.enforcement.selectors.ledger import (
    PERIOD_DEMOLISHED,
    LedgerFilter,
    ledger_queryset,
    ledger_records,
    ledger_rows,
    ledger_totals,
)
from gongzhi.enforcement.services import LedgerImportError, ledger_import
from tests.enforcement.helpers import drive, revisit

TODAY = timezone.localdate()


def _sheet_rows(content: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(content), read_only=True)[LEDGER_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [c.header for c in COLUMNS]
    return [dict(zip([c.key for c in COLUMNS], row, strict=True)) for row in rows[1:]]


def _export(user) -> bytes:
    records = ledger_records(user, LedgerFilter())
    totals = ledger_totals(ledger_queryset(user, LedgerFilter()))
    return ledger_workbook(ledger_rows(records), totals, [])


# -- totals ---------------------------------------------------------------------------------

RECORD = st.fixed_dictionaries(
    {
        "grid": st.sampled_from(["grid1", "grid2"]),
        "state": st.sampled_from(
            [
                RecordState.FOUND,
                RecordState.INVESTIGATED,
                RecordState.DEMOLISHED,
                RecordState.CLOSED,
            ]
        ),
        "area": st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2),
        "removed": st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2),
        "days_ago": st.integers(min_value=0, max_value=120),
    }
)
FILTER = st.fixed_dictionaries(
    {
        "place": st.sampled_from([None, "street", "grid1", "grid2"]),
        "state": st.sampled_from([None, RecordState.FOUND, RecordState.DEMOLISHED]),
        "period_by": st.sampled_from(["found", PERIOD_DEMOLISHED]),
        "from_ago": st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
        "to_ago": st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
    }
)


def _make(world, n, spec):
    gone = spec["state"] in {RecordState.DEMOLISHED, RecordState.CLOSED}
    found_on = TODAY - dt.timedelta(days=spec["days_ago"])
    return IllegalStructure.objects.create(
        reference=f"T-{n}",
        authority=world["authority"],
        node=world[spec["grid"]],
        address=f"{n}号",
        structure_type="shed",
        found_by="patrol",
        area_found=spec["area"],
        found_at=timezone.make_aware(dt.datetime.combine(found_on, dt.time(10))),
        state=spec["state"],
        demolished_on=found_on if gone else None,
        area_removed=spec["removed"] if gone else None,
        demolition_method="self" if gone else "",
    )


def _expected(records, world, f):
    def keep(r):
        if f["place"] and not r.node.path.startswith(world[f["place"]].path):
            return False
        if f["state"] and r.state != f["state"]:
            return False
        day = (
            r.demolished_on
            if f["period_by"] == PERIOD_DEMOLISHED
            else timezone.localdate(r.found_at)
        )
        if f["from_ago"] is not None and (
            day is None or day < TODAY - dt.timedelta(days=f["from_ago"])
        ):
            return False
        return not (
            f["to_ago"] is not None
            and (day is None or day > TODAY - dt.timedelta(days=f["to_ago"]))
        )

    kept = [r for r in records if keep(r)]
    return (
        len(kept),
        sum((r.area_found for r in kept), Decimal("0")),
        sum((r.area_removed or Decimal("0") for r in kept), Decimal("0")),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(RECORD, max_size=8), filters=st.lists(FILTER, min_size=1, max_size=4))
def test_totals_equal_the_sums_over_the_records(world, specs, filters):
    records = [_make(world, n, spec) for n, spec in enumerate(specs)]
    try:
        officer = world["users"]["officer"]
        for f in filters:
            flt = LedgerFilter(
                node=world[f["place"]] if f["place"] else None,
                states=[f["state"]] if f["state"] else [],
                period_by=f["period_by"],
                date_from=TODAY - dt.timedelta(days=f["from_ago"])
                if f["from_ago"] is not None
                else None,
                date_to=TODAY - dt.timedelta(days=f["to_ago"]) if f["to_ago"] is not None else None,
            )
            totals = ledger_totals(ledger_queryset(officer, flt))
            count, found, removed = _expected(records, world, f)
            assert (totals["count"], totals["area_found"], totals["area_removed"]) == (
                count,
                found,
                removed,
            )
            # The rows shown are the records counted.
            assert len(ledger_rows(ledger_records(officer, flt))) == count
    finally:
        IllegalStructure.objects.filter(pk__in=[r.pk for r in records]).delete()


def test_totals_only_count_what_the_reader_may_see(world):
    _make(
        world,
        1,
        {"grid": "grid1", "state": "found", "area": Decimal("10"), "removed": 1, "days_ago": 1},
    )
    _make(
        world,
        2,
        {"grid": "grid2", "state": "found", "area": Decimal("5"), "removed": 1, "days_ago": 1},
    )
    worker = world["users"]["grid_worker"]
    assert ledger_totals(ledger_queryset(worker, LedgerFilter()))["area_found"] == Decimal("10")
    assert ledger_totals(ledger_queryset(world["users"]["stranger"], LedgerFilter()))["count"] == 0


# -- export and import ----------------------------------------------------------------------


def _wipe():
    PatrolFinding.objects.all().delete()
    Detection.objects.all().delete()
    ServiceRecord.objects.all().delete()
    EnforcementDocument.objects.all().delete()
    IllegalStructure.objects.exclude(relapse_of=None).delete()
    IllegalStructure.objects.all().delete()


def test_export_then_import_reproduces_the_ledger(world, open_structure):
    officer = world["users"]["officer"]
    drive(open_structure(address="1号", lat=32.051, lon=120.051), RecordState.FOUND, officer)
    drive(open_structure(address="2号"), RecordState.DEMOLITION_ORDER_SERVED, officer)
    demolished = drive(
        open_structure(address="3号", area_found="7.25"), RecordState.DEMOLISHED, officer
    )
    revisit(demolished, officer)
    relapsed = drive(open_structure(address="4号"), RecordState.DEMOLISHED, officer)
    revisit(relapsed, officer, relapsed=True)
    from gongzhi.enforcement.services import structure_dismiss

    structure_dismiss(
        record=open_structure(address="=cmd|' /C calc'!A0"), actor=officer, reason="合法"
    )
    before = _export(officer)
    rows = _sheet_rows(before)
    assert len(rows) == 6
    assert any(r["demolition_order_number"] for r in rows)
    _wipe()
    result = ledger_import(upload=io.BytesIO(before), actor=officer)
    assert len(result.records) == 6
    after = _export(officer)
    assert _sheet_rows(after) == rows
    assert AuditEntry.objects.filter(action="enforcement.structure.imported").count() == 6
    # The demolished record keeps the revisits due after the last one the ledger shows.
    imported = IllegalStructure.objects.get(reference=demolished.reference)
    pending = list(imported.revisits.filter(done_at__isnull=True))
    assert pending and all(r.due_on > imported.last_revisit_on for r in pending)


def _workbook(rows: list[dict]) -> io.BytesIO:
    return io.BytesIO(ledger_workbook(rows, {"count": 0, "area_found": 0, "area_removed": 0}, []))


def _row(world, **extra):
    row = {
        "grid_code": world["grid1"].code,
        "address": "测试社区5幢东侧",
        "party_name": "赵六",
        "structure_type": "搭棚",
        "found_by": "巡查发现",
        "found_on": TODAY - dt.timedelta(days=40),
        "area_found": 12.5,
        "state": "已拆除",
        "demolition_method": "自行拆除",
        "demolished_on": TODAY - dt.timedelta(days=35),
        "area_removed": 12.5,
    }
    row.update(extra)
    return row


def test_import_with_a_bad_row_writes_nothing_and_names_row_column_problem(world):
    good = _row(world)
    bad_area = _row(world, address="6幢", area_found=-5)
    bad_grid = _row(world, address="7幢", grid_code="NO-SUCH-GRID")
    bad_state = _row(world, address="8幢", state="已拆除", area_removed=None, demolished_on=None)
    entries = AuditEntry.objects.count()
    with pytest.raises(LedgerImportError) as excinfo:
        ledger_import(
            upload=_workbook([good, bad_area, bad_grid, bad_state]), actor=world["users"]["officer"]
        )
    problems = {(e.row, e.column) for e in excinfo.value.errors}
    assert (3, "测量面积(㎡)") in problems
    assert (4, "网格编码") in problems
    assert (5, "拆除日期") in problems and (5, "拆除面积(㎡)") in problems
    assert 2 not in {e.row for e in excinfo.value.errors}
    assert all(e.message for e in excinfo.value.errors)
    assert IllegalStructure.objects.count() == 0
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"structure_type": "城堡"}, "违建类型"),
        ({"found_on": "明天"}, "发现日期"),
        ({"found_on": TODAY + dt.timedelta(days=3)}, "发现日期"),
        ({"area_found": 99999}, "测量面积(㎡)"),
        ({"area_found": "十平米"}, "测量面积(㎡)"),
        ({"address": ""}, "违建地址"),
        ({"lat": 32.05}, "纬度"),
        ({"state": "已发现"}, "拆除方式"),
        ({"last_revisit_on": TODAY, "last_revisit_outcome": None}, "最近回访结果"),
    ],
)
def test_each_kind_of_bad_cell_is_reported(world, change, column):
    with pytest.raises(LedgerImportError) as excinfo:
        ledger_import(upload=_workbook([_row(world, **change)]), actor=world["users"]["officer"])
    assert (2, column) in {(e.row, e.column) for e in excinfo.value.errors}
    assert not IllegalStructure.objects.exists()


def test_import_refuses_places_outside_the_importers_area(world):
    with pytest.raises(LedgerImportError) as excinfo:
        ledger_import(upload=_workbook([_row(world)]), actor=world["users"]["grid_worker"])
    assert excinfo.value.errors[0].column == "网格编码"
    result = ledger_import(upload=_workbook([_row(world)]), actor=world["users"]["staff"])
    assert result.records[0].state == RecordState.DEMOLISHED
    # Demolished 35 days ago: the 30-day revisit is overdue, the 90-day one ahead.
    assert [r.due_on < TODAY for r in result.records[0].revisits.order_by("seq")] == [True, False]


def test_import_refuses_what_is_not_a_ledger(world):
    officer = world["users"]["officer"]
    with pytest.raises(LedgerImportError):
        ledger_import(upload=io.BytesIO(b"PK\x03\x04 not really"), actor=officer)
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["编号", "违建地址"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    with pytest.raises(LedgerImportError) as excinfo:
        ledger_import(upload=out, actor=officer)
    assert {e.column for e in excinfo.value.errors} >= {"网格编码", "测量面积(㎡)"}


def test_duplicate_references_are_refused(world):
    row = _row(world, reference="WJ-OLD-0001")
    with pytest.raises(LedgerImportError) as excinfo:
        ledger_import(upload=_workbook([row, dict(row)]), actor=world["users"]["officer"])
    assert (3, "编号") in {(e.row, e.column) for e in excinfo.value.errors}
