"""Staff read a case over the API as the staff page shows it, scrubbed of people's data; the
original text, address, point and contacts come from one audited read, for those with
``cases.view_original``; the resident who reported it reads their own words."""

from gongzhi.core.models import AuditEntry

TEXT = "电梯坏了，我是王建国，电话13812345678，住5栋2单元301室"
LEAKS = ("13812345678", "王建国", "2单元301室", "2单元")


def _as(client, world, name):
    client.force_login(world["users"][name])
    return client


def _report(report):
    return report(
        description=TEXT,
        reporter_name="王建国",
        reporter_phone="13812345678",
        lat=32.0512345678,
        lon=120.0587654321,
    )


def test_staff_read_the_detail_and_the_list_scrubbed(client, world, report):
    case = _report(report)
    api = _as(client, world, "supervisor")
    detail = api.get(f"/api/cases/{case.reference}").json()
    (item,) = api.get("/api/cases").json()["items"]
    for shown in (detail, item):
        assert "电梯坏了" in shown["description"]
        assert not any(leak in shown["description"] + shown["address"] for leak in LEAKS)
        assert shown["address"] == "观河华府3幢"
        # No cases.view_original: the point as the category's public precision allows.
        assert (shown["lat"], shown["lon"]) == (32.051, 120.059)
    assert not AuditEntry.objects.filter(action="cases.case.original_viewed").exists()


def test_staff_with_the_original_permission_get_the_exact_point_but_still_scrubbed_text(
    client, world, report
):
    case = _report(report)
    api = _as(client, world, "dispatcher")
    detail = api.get(f"/api/cases/{case.reference}").json()
    (item,) = api.get("/api/cases").json()["items"]
    for shown in (detail, item):
        assert (shown["lat"], shown["lon"]) == (case.lat, case.lon)
        assert "13812345678" not in shown["description"]


def test_the_original_is_one_audited_read(client, world, report):
    case = _report(report)
    api = _as(client, world, "dispatcher")
    for _ in range(2):
        answer = api.get(f"/api/cases/{case.reference}/original", {"reason": "回访核实"})
        assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
        original = answer.json()
        assert original["description"] == TEXT
        assert original["reporter_phone"] == "13812345678"
        assert original["address"] == "观河华府3幢2单元"
    entries = AuditEntry.objects.filter(action="cases.case.original_viewed")
    assert entries.count() == 2
    assert {e.actor for e in entries} == {world["users"]["dispatcher"]}
    assert entries.first().data["reason"] == "回访核实"


def test_without_the_permission_or_the_scope_there_is_no_original(client, world, report):
    case = _report(report)
    denied = _as(client, world, "supervisor").get(f"/api/cases/{case.reference}/original")
    assert denied.status_code == 403 and "13812345678" not in denied.content.decode()
    outside = _as(client, world, "other_grid_worker").get(f"/api/cases/{case.reference}/original")
    assert outside.status_code == 404
    assert not AuditEntry.objects.filter(action="cases.case.original_viewed").exists()


def test_the_reporter_reads_their_own_words(client, world, report):
    case = _report(report)
    mine = _as(client, world, "resident").get(f"/api/cases/{case.reference}").json()
    assert mine["description"] == TEXT and mine["address"] == "观河华府3幢2单元"
