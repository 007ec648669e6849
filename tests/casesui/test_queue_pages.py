"""Queues per role, their filters, bulk dispatch, and flat query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongzhi.cases.choices import State
from gongzhi.cases.models import Case
from tests.cases.helpers import drive

from .conftest import GRID2_POINT


def _refs(response):
    return {c.reference for c in response.context["cases"]}


def test_each_role_sees_its_own_tabs(world, as_user):
    def tabs(name):
        return [q for q, _label in as_user(name).get(reverse("cases:queue")).context["tabs"]]

    assert tabs("handler") == ["mine"]
    assert tabs("grid_worker") == ["grid", "overdue", "awaiting_verification", "all"]
    assert "awaiting_dispatch" in tabs("dispatcher") and "followup" in tabs("dispatcher")
    assert "awaiting_verification" not in tabs("dispatcher")


def test_a_resident_is_sent_to_their_reports(world, as_user):
    response = as_user("resident").get(reverse("cases:queue"))
    assert response.status_code == 302 and response["Location"] == reverse("report:mine")


def test_the_grid_worker_sees_their_grid_only(world, report, as_user):
    mine, other = report(), report(**GRID2_POINT)
    response = as_user("grid_worker").get(reverse("cases:queue"), {"queue": "grid"})
    assert _refs(response) == {mine.reference}
    assert other.reference not in response.content.decode()


def test_the_handler_sees_what_is_dispatched_to_their_party(world, report, as_user):
    waiting, dispatched = report(), drive(world, report(), State.DISPATCHED)
    response = as_user("handler").get(reverse("cases:queue"))
    assert _refs(response) == {dispatched.reference}
    assert waiting.reference not in response.content.decode()


def test_filters_by_state_category_and_overdue(world, report, as_user):
    lift = drive(world, report(), State.ACCEPTED)
    noise = report(category=world["noise"], answers={}, description="楼下广场舞太吵")
    Case.objects.filter(pk=noise.pk).update(step_deadline_at="2000-01-01T00:00:00Z")
    client = as_user("dispatcher")
    url = reverse("cases:queue")
    assert _refs(client.get(url, {"queue": "all", "state": "accepted"})) == {lift.reference}
    assert _refs(client.get(url, {"queue": "all", "category": "noise"})) == {noise.reference}
    assert _refs(client.get(url, {"queue": "all", "sla": "red"})) == {noise.reference}
    assert _refs(client.get(url, {"queue": "all", "sla": "green"})) == {lift.reference}
    assert _refs(client.get(url, {"queue": "overdue"})) == {noise.reference}


def test_a_bad_filter_is_named_and_ignored(world, report, as_user):
    report()
    response = as_user("dispatcher").get(
        reverse("cases:queue"), {"queue": "all", "node": "NOPE", "since": "2026-13-40"}
    )
    assert response.status_code == 200
    assert 'id="id_node_error"' in response.content.decode()


def test_bulk_dispatch_reports_what_happened_to_each_case(world, report, as_user):
    ready = [drive(world, report(), State.ACCEPTED) for _ in range(2)]
    fresh = report()
    other = report(**GRID2_POINT)  # no party bound in grid 2 for lifts
    other = drive(world, other, State.ACCEPTED)
    refs = [c.reference for c in [*ready, fresh, other]] + ["XX-0"]
    response = as_user("dispatcher").post(reverse("cases:bulk_dispatch"), {"case": refs})
    outcomes = {o.reference: o for o in response.context["outcomes"]}
    assert all(outcomes[c.reference].ok for c in ready)
    assert not outcomes[fresh.reference].ok and not outcomes[other.reference].ok
    assert response.context["missing"] == ["XX-0"]
    assert Case.objects.filter(state=State.DISPATCHED).count() == 2
    assert Case.objects.get(pk=fresh.pk).state == State.REPORTED


def test_bulk_dispatch_is_refused_to_grid_workers(world, report, as_user):
    case = drive(world, report(), State.ACCEPTED)
    response = as_user("grid_worker").post(
        reverse("cases:bulk_dispatch"), {"case": [case.reference]}
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED


def test_bulk_dispatch_never_touches_another_communitys_case(world, report, as_user, make_user):
    from gongzhi.org.roles import Role
    from gongzhi.org.services import role_assign

    case = drive(world, report(**GRID2_POINT), State.ACCEPTED)
    outsider = make_user("grid1_dispatcher")
    role_assign(user=outsider, role=Role.DISPATCHER, node=world["grid1"])
    from django.test import Client

    client = Client()
    client.force_login(outsider)
    response = client.post(reverse("cases:bulk_dispatch"), {"case": [case.reference]})
    assert response.context["missing"] == [case.reference]
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED


def _grow(world, report, total):
    states = [State.REPORTED, State.ACCEPTED, State.DISPATCHED, State.RESOLVED, State.CLOSED]
    while Case.objects.count() < total:
        n = Case.objects.count()
        drive(world, report(description=f"电梯故障第{n}次报告"), states[n % len(states)])


@pytest.mark.parametrize(
    "user, params",
    [
        ("dispatcher", {"queue": "all"}),
        ("dispatcher", {"queue": "all", "sla": "green"}),
        ("grid_worker", {"queue": "grid"}),
        ("handler", {"queue": "mine"}),
        ("dispatcher", {"queue": "followup"}),
    ],
)
def test_queue_page_query_count_stays_flat(
    world, report, as_user, django_assert_num_queries, user, params, cache_clock
):
    client = as_user(user)
    url = reverse("cases:queue")
    _grow(world, report, 5)
    client.get(url, params)  # warm the calendar cache and the unread badge
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, params).status_code == 200
    few = len(small.captured_queries)  # read now: each request clears the connection's log
    _grow(world, report, 30)
    client.get(url, params)  # the new cases' notifications refill the badge once
    with django_assert_num_queries(few):
        response = client.get(url, params)
    assert response.status_code == 200
