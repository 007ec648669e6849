"""The selectors and the service added for the pages: SLA colours of a list, the category
chooser, the choropleth, dispatch choices, bulk dispatch, the reporter's view of a case."""

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from gongzhi.cases.choices import SlaStatus, State
from gongzhi.cases.models import Case
from gongzhi.cases.selectors import (
    case_sla,
    category_choices,
    dispatch_parties,
    filter_by_sla,
    grid_choropleth,
    parties_for_dispatcher,
    public_case_for,
    queues_for,
    sla_statuses,
)
from gongzhi.cases.services import case_dispatch_many
from tests.cases.helpers import drive

from .conftest import GRID2_POINT


def test_sla_statuses_agree_with_case_sla_at_every_point_of_the_step(world, report):
    cases = [report() for _ in range(3)]
    start, deadline = cases[0].step_started_at, cases[0].step_deadline_at
    for now in (start, start + (deadline - start) * 0.9, deadline + dt.timedelta(minutes=1)):
        loaded = list(Case.objects.select_related("node"))
        assert sla_statuses(loaded, now=now) == {c.pk: case_sla(c, now) for c in loaded}


def test_sla_statuses_is_empty_for_closed_cases(world, report):
    case = drive(world, report(), State.CLOSED)
    assert sla_statuses([Case.objects.select_related("node").get(pk=case.pk)]) == {case.pk: None}


def test_filter_by_sla_splits_a_queue_by_colour(world, report):
    on_time, late = report(), report()
    Case.objects.filter(pk=late.pk).update(step_deadline_at=timezone.now() - dt.timedelta(hours=1))
    qs = Case.objects.all()
    assert list(filter_by_sla(qs, SlaStatus.RED)) == [late]
    assert list(filter_by_sla(qs, SlaStatus.GREEN)) == [on_time]
    assert list(filter_by_sla(qs, SlaStatus.YELLOW)) == []


def test_category_choices_group_leaves_and_search_by_words(world):
    groups = category_choices()
    assert [g.group.code if g.group else None for g in groups] == ["property", None]
    assert [leaf.code for g in category_choices("噪音") for leaf in g.leaves] == ["noise"]
    kept = category_choices("噪音", keep="property-lift")
    assert {leaf.code for g in kept for leaf in g.leaves} == {"noise", "property-lift"}


def test_grid_choropleth_counts_within_the_users_scope(world, report):
    report(), report(**GRID2_POINT)
    staff = {g["code"]: g["count"] for g in grid_choropleth(world["users"]["staff"])}
    worker = {g["code"]: g["count"] for g in grid_choropleth(world["users"]["grid_worker"])}
    assert staff == {"T-S-C-G1": 1, "T-S-C-G2": 1}
    assert worker == {"T-S-C-G1": 1}
    assert grid_choropleth(world["users"]["resident"]) == []


def test_dispatch_choices(world, report):
    case = report()
    assert dispatch_parties(case) == [world["property_co"], world["bureau"]]
    assert set(parties_for_dispatcher(world["users"]["dispatcher"])) == {
        world["property_co"],
        world["bureau"],
    }
    assert parties_for_dispatcher(world["users"]["grid_worker"]) == []


def test_bulk_dispatch_goes_on_after_a_refusal(world, report):
    fresh, ready = report(), drive(world, report(), State.ACCEPTED)
    outcomes = case_dispatch_many(cases=[fresh, ready], actor=world["users"]["dispatcher"])
    assert [(o.reference, o.ok) for o in outcomes] == [
        (fresh.reference, False),
        (ready.reference, True),
    ]
    assert Case.objects.get(pk=ready.pk).assigned_party == world["property_co"]


def test_queues_for_handler_and_auditor(world, make_user):
    from gongzhi.org.roles import Role
    from gongzhi.org.services import role_assign

    auditor = make_user("auditor")
    role_assign(user=auditor, role=Role.AUDITOR, node=world["community"])
    assert queues_for(world["users"]["handler"]) == ["mine"]
    assert queues_for(auditor) == ["grid", "overdue", "all"]
    assert queues_for(world["users"]["resident"]) == []


def test_public_case_for_hides_rejected_and_private_cases(world, report):
    public = report(is_public=True)
    rejected = drive(world, report(is_public=True), State.REJECTED)
    stranger, resident = world["users"]["stranger"], world["users"]["resident"]
    assert public_case_for(stranger, public.reference) == public
    with pytest.raises(Http404):
        public_case_for(stranger, rejected.reference)
    assert public_case_for(resident, rejected.reference) == rejected
