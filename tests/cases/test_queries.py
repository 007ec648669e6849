"""The main selectors' query counts stay flat as cases grow (5 vs 50 cases)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.cases.choices import State
from gongzhi.cases.selectors import (
    case_counts_by_node,
    case_map_points,
    case_queue,
    followup_call_list,
    my_reports,
    public_case_data,
    public_cases,
)
from gongzhi.org.access import user_scope

from .conftest import jpeg_bytes
from .helpers import drive


def _render_queue(user):
    return [
        (c.reference, c.category.name, c.node.name, c.assigned_party and c.assigned_party.name)
        for c in case_queue(user, "grid")
    ]


def _render_reports(user):
    return [
        (c.reference, c.category.name, [p.thumbnail.name for p in c.photos.all()])
        for c in my_reports(user)
    ]


def _render_public(_user):
    return [public_case_data(c) for c in public_cases()]


def _render_followup(user):
    return [(c.reference, c.category.name, c.node.name) for c in followup_call_list(user)]


SELECTORS = {
    "queue": (_render_queue, "dispatcher"),
    "my_reports": (_render_reports, "resident"),
    "public": (_render_public, "resident"),
    "map_points": (lambda u: case_map_points(u), "staff"),
    "map_counts": (lambda u: case_counts_by_node(u), "staff"),
    "followup": (_render_followup, "dispatcher"),
}


def _grow(world, report, total, state_every=5):
    """Cases in a mix of states, public, with a photo each fifth."""
    from gongzhi.cases.models import Case

    while Case.objects.count() < total:
        n = Case.objects.count()
        case = report(is_public=True, photos=[jpeg_bytes()] if n % 5 == 0 else [])
        if n % state_every == 1:
            drive(world, case, State.DISPATCHED)
        elif n % state_every == 2:
            drive(world, case, State.CLOSED)


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("name", list(SELECTORS))
def test_query_count_is_flat(world, report, django_assert_num_queries, name, cache_clock):
    render, role = SELECTORS[name]
    user = world["users"][role]
    user_scope(user)  # resolved once per request in real use
    _grow(world, report, 5)
    render(user)  # the per-process caches (policy, categories) are warm in real use
    with CaptureQueriesContext(connection) as small:
        rows_small = render(user)
    _grow(world, report, 50)
    with django_assert_num_queries(len(small.captured_queries)):
        rows_large = render(user)
    assert len(rows_large) >= len(rows_small)
