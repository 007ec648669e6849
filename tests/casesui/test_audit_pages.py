"""The audit trail in the staff pages: scoped by org.view_audit's subtrees, per node and per
record, filterable, exportable; and the on-site verification as its own audit action."""

import csv
import datetime as dt
import io

import pytest

from gongzhi.cases.choices import State
from gongzhi.cases.services import case_verify
from gongzhi.core.models import AuditEntry
from tests.cases.conftest import GRID2_POINT
from tests.cases.helpers import drive


@pytest.fixture
def two_cases(world, report):
    in_grid1 = drive(world, report(), State.ACCEPTED)
    in_grid2 = report(**GRID2_POINT, description="2号楼电梯坏了")
    return in_grid1, in_grid2


def _rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_street_supervisor_reads_the_audit_in_the_staff_ui(as_user, two_cases):
    response = as_user("street_supervisor").get("/org/audit/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "cases.case.accepted" in text and two_cases[0].reference in text


def test_a_community_supervisor_sees_only_their_subtree(as_user, world, two_cases):
    from gongzhi.org.services import node_create
    from tests.conftest import square

    # A second community under the street with its own case: outside the supervisor's reach.
    other = node_create(
        parent=world["street"],
        level=world["community"].level,
        name="另一社区",
        code="T-S-D",
        boundary=square(120.3, 32.3, 0.1),
    )
    entries = AuditEntry.objects.filter(object_type="org.node", object_id=str(other.pk))
    assert entries.exists()
    mine = _rows(as_user("supervisor").get("/org/audit/", {"export": "csv"}))
    assert {r["object_id"] for r in mine if r["object_type"] == "org.node"}.isdisjoint(
        {str(other.pk)}
    )
    assert any(r["object_id"] == str(two_cases[0].pk) for r in mine)
    street = _rows(as_user("street_supervisor").get("/org/audit/", {"export": "csv"}))
    assert any(r["object_id"] == str(other.pk) for r in street)


def test_per_node_page_and_outside_nodes_are_404(as_user, world, two_cases):
    client = as_user("supervisor")
    grid2 = _rows(client.get(f"/org/nodes/{world['grid2'].code}/audit/", {"export": "csv"}))
    refs = {r["object"] for r in grid2}
    assert str(two_cases[1]) in refs and str(two_cases[0]) not in refs
    assert client.get(f"/org/nodes/{world['street'].code}/audit/").status_code == 404
    assert client.get("/org/nodes/NOPE/audit/").status_code == 404


def test_per_record_filters_and_outside_records_are_404(as_user, world, two_cases):
    case = two_cases[0]
    client = as_user("supervisor")
    rows = _rows(client.get("/org/audit/", {"type": "cases.case", "id": case.pk, "export": "csv"}))
    assert rows and {r["object_id"] for r in rows} == {str(case.pk)}
    accepted = _rows(
        client.get(
            "/org/audit/",
            {"type": "cases.case", "id": case.pk, "action": "accepted", "export": "csv"},
        )
    )
    assert [r["action"] for r in accepted] == ["cases.case.accepted"]
    assert accepted[0]["actor"] == "dispatcher"
    by_actor = _rows(client.get("/org/audit/", {"actor": "dispatcher", "export": "csv"}))
    assert by_actor and {r["actor"] for r in by_actor} == {"dispatcher"}
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert _rows(client.get("/org/audit/", {"since": tomorrow, "export": "csv"})) == []
    bad = client.get("/org/audit/", {"since": tomorrow, "until": "2020-01-01"})
    assert bad.status_code == 400
    # A grid worker of grid 2 holds no org.view_audit; a record elsewhere answers 404.
    assert as_user("other_grid_worker").get("/org/audit/").status_code == 403
    assert client.get("/org/audit/", {"type": "cases.case", "id": 999999}).status_code == 404
    assert client.get("/org/audit/", {"type": "nope.model", "id": 1}).status_code == 404


def test_users_without_view_audit_get_403(as_user, two_cases, world):
    for name in ("dispatcher", "handler", "resident"):
        client = as_user(name)
        assert client.get("/org/audit/").status_code == 403
        assert client.get(f"/org/nodes/{world['grid1'].code}/audit/").status_code == 403


def test_csv_export_cannot_run_formulas(as_user, world, report):
    report(description='=HYPERLINK("http://evil")')
    AuditEntry.objects.filter(action="cases.case.reported")  # written by the service
    rows = _rows(as_user("street_supervisor").get("/org/audit/", {"export": "csv"}))
    assert all(not r["data"].startswith("=") for r in rows)


def test_on_site_verification_is_its_own_audit_action_before_the_close(world, report):
    case = drive(world, report(), State.RESOLVED)
    case_verify(case=case, actor=world["users"]["grid_worker"], passed=True, note="现场看过")
    entries = list(
        AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).order_by("id")
    )
    actions = [e.action for e in entries]
    verified = actions.index("cases.case.verified_on_site")
    assert actions.index("cases.case.closed") == verified + 1
    entry = entries[verified]
    assert entry.actor == world["users"]["grid_worker"]
    assert entry.data["result"] == "pass" and entry.data["verified_by"] == "grid_worker"


def test_failed_verification_is_audited_as_rework(world, report):
    case = drive(world, report(), State.RESOLVED)
    case_verify(case=case, actor=world["users"]["grid_worker"], passed=False, note="还在漏")
    entries = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))
    actions = list(entries.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["cases.case.verified_on_site", "cases.case.rework"]
    assert entries.get(action="cases.case.verified_on_site").data["result"] == "rework"
