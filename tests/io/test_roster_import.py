import pytest

from gongzhi.core.models import AuditEntry
from gongzhi.org.io import limits
from gongzhi.org.io.problems import FileRefused, ImportRejected
from gongzhi.org.io.roster_import import import_roster
from gongzhi.org.models import Household, Person
from gongzhi.org.services import household_create, person_create
from tests.io.builders import make_id, person_row, roster


def _nothing_written(fileobj, **kwargs):
    before = (Person.objects.count(), Household.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ImportRejected) as info:
        import_roster(fileobj=fileobj, **kwargs)
    after = (Person.objects.count(), Household.objects.count(), AuditEntry.objects.count())
    assert after == before
    return [(p.position, p.field) for p in info.value.problems]


def test_valid_roster_creates_households_and_people(small_tree):
    rows = [
        person_row(name="张三", 身份证号=make_id(seq="001")),
        person_row(name="李梅", 性别="女", 身份证号=make_id(seq="002"), 与户主关系="配偶"),
        person_row(
            building="T-S-C-G2-B2", unit="3单元301室", name="王五", 身份证号=None, 性别="男"
        ),
    ]
    summary = import_roster(fileobj=roster(rows), source="r.xlsx")
    assert (summary.people_created, summary.households_created) == (3, 2)
    household = Household.objects.get(building__code="T-S-C-G1-B1", unit="1单元101室")
    assert sorted(household.members.values_list("name", flat=True)) == ["张三", "李梅"]
    li = Person.objects.get(name="李梅")
    assert (li.gender, li.relation, li.node.code, li.is_resident) == (
        "f",
        "配偶",
        "T-S-C-G1-B1",
        True,
    )
    entry = AuditEntry.objects.get(action="org.roster.imported")
    assert entry.data["people_created"] == 3
    assert AuditEntry.objects.filter(action="org.person.created").count() == 3


def test_existing_household_is_reused(small_tree):
    household = household_create(building=small_tree["b1"], unit="1单元101室")
    summary = import_roster(fileobj=roster([person_row()]))
    assert (summary.households_created, summary.households_reused) == (0, 1)
    assert Person.objects.get().household == household


def test_one_bad_row_writes_nothing_and_report_names_the_row(small_tree):
    rows = [person_row(name=f"居民{i}", 身份证号=make_id(seq=f"{i:02d}1")) for i in range(1, 6)]
    rows[3]["手机号"] = "12345"
    assert _nothing_written(roster(rows)) == [(5, "手机号")]


def test_row_numbers_are_those_excel_shows_after_blank_rows(small_tree):
    rows = [
        person_row(name="甲", 身份证号=make_id(seq="001")),
        person_row(name="乙", 身份证号="123"),
    ]
    assert _nothing_written(roster(rows, blank_rows_before={1})) == [(4, "身份证号")]


def test_birth_date_and_sex_must_agree_with_id_number(small_tree):
    rows = [person_row(出生日期="1991-01-31", 性别="女")]
    assert _nothing_written(roster(rows)) == [(2, "出生日期"), (2, "性别")]


def test_birth_date_and_sex_are_taken_from_id_number_when_empty(small_tree):
    import_roster(fileobj=roster([person_row(出生日期=None, 性别=None)]))
    person = Person.objects.get()
    assert (str(person.birth_date), person.gender) == ("1990-01-31", "m")


def test_duplicate_id_number_in_file_names_both_rows(small_tree):
    rows = [person_row(name="甲"), person_row(name="乙")]
    assert _nothing_written(roster(rows)) == [(3, "身份证号")]


def test_id_number_already_in_database_is_refused(small_tree):
    person_create(node=small_tree["b2"], name="已登记", id_number=make_id().lower())
    assert _nothing_written(roster([person_row()])) == [(2, "身份证号")]


def test_same_name_in_same_household_is_refused(small_tree):
    household = household_create(building=small_tree["b1"], unit="1单元101室")
    person_create(household=household, name="张三")
    assert _nothing_written(roster([person_row(身份证号=None)])) == [(2, "姓名")]


def test_unknown_code_and_non_building_are_refused(small_tree):
    rows = [
        person_row(building="NOPE"),
        person_row(building="T-S-C-G1", 身份证号=make_id(seq="003")),
    ]
    assert _nothing_written(roster(rows)) == [(2, "楼栋编码"), (3, "楼栋编码")]


def test_building_outside_uploaders_area_is_a_bad_row(small_tree, make_user):
    from gongzhi.org.roles import Role
    from gongzhi.org.services import role_assign

    staff = make_user()
    role_assign(user=staff, role=Role.STAFF, node=small_tree["grid1"])
    rows = [
        person_row(),
        person_row(building="T-S-C-G2-B2", name="李四", 身份证号=make_id(seq="003")),
    ]
    assert _nothing_written(roster(rows), actor=staff, scoped=True) == [(3, "楼栋编码")]
    import_roster(fileobj=roster(rows[:1]), actor=staff, scoped=True)
    assert Person.objects.get().name == "张三"


def test_missing_required_cell_and_formula_cell(small_tree):
    rows = [person_row(姓名=None), person_row(与户主关系="=1+1", 身份证号=make_id(seq="003"))]
    assert _nothing_written(roster(rows)) == [(2, "姓名"), (3, "与户主关系")]


def test_header_problems_are_reported_on_row_one(small_tree):
    headers = ["楼栋编码", "姓名", "手机号码", "爱好", "姓名"]
    rows = [{"楼栋编码": "T-S-C-G1-B1", "姓名": "张三"}]
    problems = _nothing_written(roster(rows, headers))
    assert sorted(problems) == [(1, "单元房号"), (1, "姓名"), (1, "爱好")]


def test_value_under_no_header_is_refused(small_tree):
    buffer = roster([person_row()])
    from openpyxl import load_workbook

    workbook = load_workbook(buffer)
    workbook.active["K2"] = "stray"
    workbook.save(buffer)
    buffer.seek(0)
    assert _nothing_written(buffer) == [(2, "column K")]


def test_dry_run_checks_and_writes_nothing(small_tree):
    summary = import_roster(fileobj=roster([person_row()]), dry_run=True)
    assert (summary.people_created, summary.dry_run) == (1, True)
    assert not Person.objects.exists() and not AuditEntry.objects.filter(
        action__startswith="org.roster"
    )


def test_files_that_are_not_workbooks_are_refused(small_tree):
    import io

    for raw in [b"\xd0\xcf\x11\xe0" + b"\0" * 100, b"name,phone\n", b"PK\x03\x04broken"]:
        with pytest.raises(FileRefused):
            import_roster(fileobj=io.BytesIO(raw))


def test_oversized_file_and_too_many_rows_are_refused(small_tree, monkeypatch):
    monkeypatch.setattr(limits, "ROSTER_MAX_BYTES", 1000)
    with pytest.raises(FileRefused, match="MB"):
        import_roster(fileobj=roster([person_row()]))
    monkeypatch.setattr(limits, "ROSTER_MAX_BYTES", 20 * limits.MB)
    monkeypatch.setattr(limits, "ROSTER_MAX_ROWS", 2)
    rows = [person_row(name=f"居民{i}", 身份证号=make_id(seq=f"{i:02d}1")) for i in range(3)]
    with pytest.raises(FileRefused, match="2"):
        import_roster(fileobj=roster(rows))


def test_header_only_file_is_refused(small_tree):
    with pytest.raises(FileRefused):
        import_roster(fileobj=roster([], ["楼栋编码", "单元房号", "姓名"]))


def test_progress_is_reported_while_writing(small_tree):
    seen = []
    rows = [person_row(name=f"居民{i}", 身份证号=make_id(seq=f"{i:02d}1")) for i in range(5)]
    import_roster(fileobj=roster(rows), progress=lambda *a: seen.append(a), every=2)
    assert ("write", 5, 5) in seen and ("write", 2, 5) in seen


def _rewrite_member(buffer, member, transform):
    import io
    import zipfile

    source = zipfile.ZipFile(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, transform(data) if info.filename == member else data)
    out.seek(0)
    return out


def test_workbook_with_xml_entities_is_refused(small_tree):
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'

    buffer = _rewrite_member(
        roster([person_row()]), "xl/worksheets/sheet1.xml", lambda data: bomb + data
    )
    with pytest.raises(FileRefused):
        import_roster(fileobj=buffer)
    assert not Person.objects.exists()


def test_workbook_unpacking_to_too_much_is_refused(small_tree, monkeypatch):
    monkeypatch.setattr(limits, "ROSTER_MAX_UNPACKED_BYTES", 100)
    with pytest.raises(FileRefused):
        import_roster(fileobj=roster([person_row()]))


@pytest.mark.django_db(transaction=True)
def test_failure_while_writing_rolls_everything_back(small_tree, monkeypatch):
    from django.core.exceptions import ValidationError

    from gongzhi.org import services

    real = services.person_create
    calls = {"n": 0}

    def failing_third(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ValidationError("boom")
        return real(**kwargs)

    monkeypatch.setattr(services, "person_create", failing_third)
    rows = [
        person_row(unit=f"{i}单元", name=f"居民{i}", 身份证号=make_id(seq=f"{i:02d}1"))
        for i in range(4)
    ]
    with pytest.raises(ImportRejected) as info:
        import_roster(fileobj=roster(rows))
    assert [p.position for p in info.value.problems] == [4]
    assert not Person.objects.exists() and not Household.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="org.person").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_of_the_same_person_create_one(small_tree):
    import threading

    from django.db import connection

    contents = [roster([person_row()]).getvalue() for _ in range(2)]
    outcomes = []
    barrier = threading.Barrier(2, timeout=30)

    def run(content):
        import io

        try:
            barrier.wait()
            import_roster(fileobj=io.BytesIO(content))
            outcomes.append("imported")
        except ImportRejected as exc:
            outcomes.append([p.field for p in exc.problems])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(str, outcomes)) == sorted(map(str, ["imported", ["身份证号", "姓名"]]))
    assert Person.objects.count() == 1
