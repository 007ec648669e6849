"""Staff see a report scrubbed; those with the right role see the original through an explicit,
audited action; the staff map follows the same precision rule for everyone else."""

from gongzhi.cases.selectors import case_map_points
from gongzhi.core.models import AuditEntry
from tests.casesui.conftest import htmx

TEXT = "电梯坏了，我是王建国，电话13812345678，住5栋2单元301室"


def test_staff_page_shows_the_report_scrubbed(world, report, as_user):
    case = report(description=TEXT, reporter_name="王建国", reporter_phone="13812345678")
    body = as_user("dispatcher").get(f"/cases/{case.reference}/").content.decode()
    assert "电梯坏了" in body
    assert "13812345678" not in body and "2单元301室" not in body and "王建国" not in body
    assert f"/cases/{case.reference}/original/" in body
    assert not AuditEntry.objects.filter(action="cases.case.original_viewed").exists()


def test_show_original_is_audited_each_time(world, report, as_user):
    case = report(description=TEXT, reporter_name="王建国", reporter_phone="13812345678")
    client = htmx(as_user("dispatcher"))
    for _ in range(2):
        answer = client.post(f"/cases/{case.reference}/original/")
        assert answer.status_code == 200
        body = answer.content.decode()
        assert "13812345678" in body and "王建国" in body and "2单元301室" in body
        assert "no-cache" in answer["Cache-Control"] or "no-store" in answer["Cache-Control"]
    entries = AuditEntry.objects.filter(action="cases.case.original_viewed")
    assert entries.count() == 2
    assert {e.actor for e in entries} == {world["users"]["dispatcher"]}
    assert entries.first().object_id == str(case.pk)


def test_roles_without_the_permission_cannot_see_the_original(world, report, as_user):
    case = report(description=TEXT)
    page = as_user("supervisor").get(f"/cases/{case.reference}/").content.decode()
    assert f"/cases/{case.reference}/original/" not in page
    answer = htmx(as_user("supervisor")).post(f"/cases/{case.reference}/original/")
    assert answer.status_code == 403 and "13812345678" not in answer.content.decode()
    assert htmx(as_user("stranger")).post(f"/cases/{case.reference}/original/").status_code == 404
    assert not AuditEntry.objects.filter(action="cases.case.original_viewed").exists()


def test_original_needs_a_post(world, report, as_user):
    case = report(description=TEXT)
    assert as_user("dispatcher").get(f"/cases/{case.reference}/original/").status_code == 405


def test_staff_map_gives_the_exact_point_only_with_the_original(world, report):
    case = report(lat=32.0512345678, lon=120.0587654321)
    exact = case_map_points(world["users"]["dispatcher"])
    rounded = case_map_points(world["users"]["supervisor"])
    assert (exact[0]["lat"], exact[0]["lon"]) == (case.lat, case.lon)
    assert (rounded[0]["lat"], rounded[0]["lon"]) == (32.051, 120.059)
    world["lift"].public_precision = "hidden"
    world["lift"].save(update_fields=["public_precision"])
    assert case_map_points(world["users"]["supervisor"]) == []
    assert len(case_map_points(world["users"]["dispatcher"])) == 1
