"""The case map page and its data: who may see it, counts per grid, points, filters, and a
query count that stays flat as cases grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongzhi.cases.choices import State
from gongzhi.cases.models import Case
from tests.cases.helpers import drive

from .conftest import GRID2_POINT


def _grids(data):
    return {f["properties"]["code"]: f["properties"] for f in data["grids"]["features"]}


def test_the_map_is_for_those_who_see_cases(world, as_user):
    assert as_user("resident").get(reverse("cases:map")).status_code == 403
    assert as_user("resident").get(reverse("cases:map_data")).status_code == 403
    body = as_user("staff").get(reverse("cases:map")).content.decode()
    assert "leaflet-markercluster/leaflet.markercluster.js" in body
    assert 'data-gz-case-map="case-map-config"' in body


def test_data_counts_open_and_overdue_cases_per_grid(world, report, as_user):
    report(), report()
    late = report(**GRID2_POINT)
    Case.objects.filter(pk=late.pk).update(step_deadline_at="2000-01-01T00:00:00Z")
    drive(world, report(), State.CLOSED)
    data = as_user("staff").get(reverse("cases:map_data")).json()
    grids = _grids(data)
    assert (grids["T-S-C-G1"]["count"], grids["T-S-C-G1"]["overdue"]) == (2, 0)
    assert (grids["T-S-C-G2"]["count"], grids["T-S-C-G2"]["overdue"]) == (1, 1)
    assert len(data["points"]) == 3
    assert [p["overdue"] for p in data["points"] if p["reference"] == late.reference] == [True]


def test_data_filters_by_category_state_and_period(world, report, as_user):
    report()
    report(category=world["noise"], answers={}, description="广场舞太吵")
    closed = drive(world, report(), State.CLOSED)
    client, url = as_user("staff"), reverse("cases:map_data")
    assert len(client.get(url, {"category": "noise"}).json()["points"]) == 1
    closed_only = client.get(url, {"state": "closed"}).json()
    assert [p["reference"] for p in closed_only["points"]] == [closed.reference]
    assert _grids(closed_only)["T-S-C-G1"]["count"] == 1
    assert client.get(url, {"state": "all"}).json()["points"].__len__() == 3
    assert client.get(url, {"since": "2999-01-01"}).json()["points"] == []


def test_a_grid_worker_sees_only_their_grid(world, report, as_user):
    report(), report(**GRID2_POINT)
    data = as_user("grid_worker").get(reverse("cases:map_data")).json()
    assert set(_grids(data)) == {"T-S-C-G1"} and len(data["points"]) == 1


def test_the_page_lists_grids_with_cases_for_those_without_a_map(world, report, as_user):
    report(**GRID2_POINT)
    response = as_user("staff").get(reverse("cases:map"))
    assert [g["code"] for g in response.context["grids"]] == ["T-S-C-G2"]


def _grow(world, report, total):
    """Cases in both grids; grid 1's (where the world has a grid worker) in every state."""
    states = [State.REPORTED, State.ACCEPTED, State.DISPATCHED, State.CLOSED]
    while Case.objects.count() < total:
        n = Case.objects.count()
        if n % 2:
            report(description=f"电梯故障第{n}次", **GRID2_POINT)
        else:
            drive(world, report(description=f"电梯故障第{n}次"), states[(n // 2) % len(states)])


@pytest.mark.parametrize("url_name", ["cases:map_data", "cases:map"])
def test_map_query_count_stays_flat(
    world, report, as_user, django_assert_num_queries, url_name, cache_clock
):
    client, url = as_user("staff"), reverse(url_name)
    _grow(world, report, 5)
    client.get(url, {"state": "all"})  # the caches (calendar, unread badge) filled once
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, {"state": "all"}).status_code == 200
    few = len(small.captured_queries)  # read now: each request clears the connection's log
    _grow(world, report, 30)
    client.get(url, {"state": "all"})  # the new cases' notifications refill the badge once
    with django_assert_num_queries(few):
        assert client.get(url, {"state": "all"}).status_code == 200
