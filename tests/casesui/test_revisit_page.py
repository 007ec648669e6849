"""The staff revisit page (回头看): due revisits, recording them, relapses linked."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.cases.choices import LinkReason, RevisitOutcome, State
from gongzhi.cases.models import Case, Revisit
from tests.cases.helpers import drive


@pytest.fixture
def due(world, report):
    world["lift"].revisit_after_days = 3
    world["lift"].save()
    case = drive(world, report(), State.CLOSED)
    revisit = Revisit.objects.get(case=case)
    Revisit.objects.filter(pk=revisit.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    return Revisit.objects.get(pk=revisit.pk)


def test_due_revisit_is_listed_with_its_form_for_the_grid_worker(as_user, due):
    page = as_user("grid_worker").get("/cases/revisits/")
    assert page.status_code == 200
    text = page.content.decode()
    assert due.case.reference in text
    assert f"/cases/revisits/{due.pk}/done/" in text


def test_a_supervisor_sees_revisits_but_may_not_record_them(as_user, due):
    client = as_user("supervisor")
    page = client.get("/cases/revisits/")
    assert page.status_code == 200 and due.case.reference in page.content.decode()
    assert f"/cases/revisits/{due.pk}/done/" not in page.content.decode()
    answer = client.post(f"/cases/revisits/{due.pk}/done/", {f"r{due.pk}-outcome": "holds"})
    assert answer.status_code == 403
    assert Revisit.objects.get(pk=due.pk).done_at is None


def test_outside_the_subtree_is_404_and_without_any_role_403(as_user, due):
    other = as_user("other_grid_worker")
    assert due.case.reference not in other.get("/cases/revisits/").content.decode()
    assert other.post(f"/cases/revisits/{due.pk}/done/", {}).status_code == 404
    assert as_user("resident").get("/cases/revisits/").status_code == 403


def test_recording_a_relapse_opens_a_linked_case_shown_on_the_done_tab(as_user, due):
    client = as_user("grid_worker")
    answer = client.post(
        f"/cases/revisits/{due.pk}/done/",
        {f"r{due.pk}-outcome": "relapsed", f"r{due.pk}-note": "电梯又坏了"},
    )
    assert answer.status_code == 302
    revisit = Revisit.objects.get(pk=due.pk)
    assert revisit.outcome == RevisitOutcome.RELAPSED
    linked = revisit.linked_case
    assert linked.linked_from_id == due.case_id and linked.link_reason == LinkReason.RELAPSE
    done = client.get("/cases/revisits/?show=done").content.decode()
    assert linked.reference in done and "relapse rate 100%" in done
    assert due.case.reference not in client.get("/cases/revisits/").content.decode()


def test_a_missing_answer_is_refused_on_the_form(as_user, due):
    answer = as_user("grid_worker").post(f"/cases/revisits/{due.pk}/done/", {})
    assert answer.status_code == 400
    assert "Say whether the fix holds." in answer.content.decode()
    assert Case.objects.count() == 1
