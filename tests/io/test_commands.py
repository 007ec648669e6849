import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from gongzhi.org.io.roster_columns import COLUMNS
from gongzhi.org.models import Node, Person
from tests.io.builders import make_id, person_row, roster


def test_export_and_import_tree_commands_round_trip(small_tree, tmp_path):
    path = tmp_path / "tree.geojson"
    call_command("export_tree", "-o", str(path))
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert len(exported["features"]) == 7
    Node.objects.all().delete()
    out = StringIO()
    call_command("import_tree", str(path), stdout=out)
    assert "7" in out.getvalue()
    assert Node.objects.count() == 7


def test_export_tree_with_unknown_root_fails(small_tree):
    with pytest.raises(CommandError):
        call_command("export_tree", "--root", "NOPE", stdout=StringIO())


def test_import_tree_command_lists_problems(small_tree, tmp_path):
    path = tmp_path / "bad.geojson"
    bad = {"type": "Feature", "geometry": None, "properties": {"code": "X", "level": "grid"}}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [bad]}))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_tree", str(path), stderr=err, stdout=StringIO())
    assert "X" in err.getvalue() and "name" in err.getvalue()


def test_import_roster_command_reports_progress_and_dry_run(small_tree, tmp_path):
    path = tmp_path / "r.xlsx"
    rows = [person_row(name=f"居民{i}", 身份证号=make_id(seq=f"{i:02d}1")) for i in range(4)]
    path.write_bytes(roster(rows).getvalue())
    out, err = StringIO(), StringIO()
    call_command("import_roster", str(path), "--dry-run", "--every", "2", stdout=out, stderr=err)
    assert not Person.objects.exists()
    call_command("import_roster", str(path), "--every", "2", stdout=out, stderr=err)
    assert Person.objects.count() == 4
    assert "4" in err.getvalue()


def test_import_roster_command_fails_on_bad_row(small_tree, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(roster([person_row(手机号="123")]).getvalue())
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_roster", str(path), stderr=err, stdout=StringIO())
    assert "2" in err.getvalue() and "手机号" in err.getvalue()
    assert not Person.objects.exists()


def test_roster_template_has_every_column_and_imports_once_filled(small_tree, tmp_path):
    path = tmp_path / "template.xlsx"
    call_command("roster_template", "-o", str(path), stdout=StringIO())
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.header for c in COLUMNS]
    for index, column in enumerate(COLUMNS, start=1):
        sheet.cell(row=2, column=index, value=column.example)
    sheet["A2"] = "T-S-C-G1-B1"
    workbook.save(path)
    call_command("import_roster", str(path), stdout=StringIO(), stderr=StringIO())
    person = Person.objects.get()
    assert (person.name, person.party_member_kind, person.id_number) == (
        "张三",
        "employed",
        "320602199001310010",
    )
