"""Follow-up ratings (may reopen or open a linked case), revisits and relapses, the rates."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongzhi.cases.choices import LinkReason, RevisitOutcome, State, UnsatisfiedAction
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.models import Case, Revisit
from gongzhi.cases.selectors import case_rates, followup_call_list, revisits_due
from gongzhi.cases.services import case_rate, revisit_record
from gongzhi.cases.services.categories import policy_save

from .helpers import drive


def test_satisfied_rating_is_recorded_once(world, report):
    case = drive(world, report(), State.CLOSED)
    resident = world["users"]["resident"]
    rating = case_rate(case=case, by=resident, contacted=True, solved=True, satisfied=True)
    assert (rating.channel, rating.closing_seq, rating.outcome) == ("self", 1, "nothing")
    with pytest.raises(CaseConflict):
        case_rate(case=case, by=resident, contacted=True, solved=True, satisfied=False)
    assert Case.objects.get(pk=case.pk).state == State.CLOSED


def test_unsatisfied_rating_reopens_as_rework(world, report):
    case = drive(world, report(), State.CLOSED)
    rating = case_rate(
        case=case,
        by=world["users"]["resident"],
        contacted=True,
        solved=False,
        satisfied=False,
        comment="电梯还是停",
    )
    case.refresh_from_db()
    assert rating.outcome == UnsatisfiedAction.REOPEN
    assert (case.state, case.rework_count) == (State.REWORK, 1)
    assert case.assigned_party == world["property_co"]
    assert case.events.filter(action="reopen").get().note == "电梯还是停"


def test_policy_can_open_a_linked_case_instead(world, report, make_user):
    policy_save(
        actor=make_user("root", is_superuser=True),
        node=world["community"],
        unsatisfied_action=UnsatisfiedAction.LINKED,
    )
    case = drive(world, report(), State.CLOSED)
    case_rate(
        case=case, by=world["users"]["resident"], contacted=True, solved=False, satisfied=False
    )
    linked = Case.objects.get(linked_from=case)
    assert linked.link_reason == LinkReason.UNSATISFIED
    assert linked.state == State.REPORTED and linked.category == case.category
    assert Case.objects.get(pk=case.pk).state == State.CLOSED


def test_unsatisfied_after_the_window_only_records(world, report):
    case = drive(world, report(), State.CLOSED)
    rating = case_rate(
        case=case,
        by=world["users"]["resident"],
        contacted=True,
        solved=False,
        satisfied=False,
        now=case.closed_at + dt.timedelta(days=8),
    )
    assert rating.outcome == UnsatisfiedAction.NOTHING
    assert Case.objects.get(pk=case.pk).state == State.CLOSED


def test_phone_follow_up_by_staff_from_the_call_list(world, report):
    anonymous = drive(world, report(actor=None, is_anonymous=True), State.CLOSED)
    own = drive(world, report(), State.CLOSED)
    dispatcher = world["users"]["dispatcher"]
    assert list(followup_call_list(dispatcher)) == [anonymous, own]  # no login to rate: first
    with pytest.raises(PermissionDenied):
        case_rate(
            case=anonymous,
            by=world["users"]["stranger"],
            contacted=True,
            solved=True,
            satisfied=True,
        )
    rating = case_rate(case=anonymous, by=dispatcher, contacted=True, solved=True, satisfied=True)
    assert rating.channel == "phone"
    assert list(followup_call_list(dispatcher)) == [own]


def test_rating_an_open_case_is_a_conflict(world, report):
    with pytest.raises(CaseConflict):
        case_rate(
            case=report(),
            by=world["users"]["resident"],
            contacted=True,
            solved=True,
            satisfied=True,
        )


def test_closing_schedules_a_revisit_and_a_relapse_opens_a_linked_case(world, report):
    case = report(category=world["building"], answers={}, description="楼顶违章搭建彩钢棚")
    case = drive(world, case, State.ACCEPTED)
    from gongzhi.cases.services import case_dispatch, case_resolve, case_verify

    case = case_dispatch(case=case, actor=world["users"]["dispatcher"])  # routed: the bureau
    case = case_resolve(case=case, actor=world["users"]["officer"], note="已拆除")
    case = case_verify(case=case, actor=world["users"]["grid_worker"], passed=True)
    revisit = Revisit.objects.get(case=case)
    assert revisit.due_on == timezone.localdate() + dt.timedelta(days=30)
    worker = world["users"]["grid_worker"]
    assert list(revisits_due(worker)) == []
    assert list(revisits_due(worker, on=revisit.due_on)) == [revisit]
    with pytest.raises(PermissionDenied):
        revisit_record(revisit=revisit, actor=world["users"]["other_grid_worker"], relapsed=True)
    revisit = revisit_record(revisit=revisit, actor=worker, relapsed=True, note="又搭起来了")
    assert revisit.outcome == RevisitOutcome.RELAPSED
    linked = revisit.linked_case
    assert (linked.linked_from, linked.link_reason) == (case, LinkReason.RELAPSE)
    assert linked.routed_party == world["bureau"]
    with pytest.raises(CaseConflict):
        revisit_record(revisit=revisit, actor=worker, relapsed=False)


def test_revisit_that_holds_opens_nothing(world, report):
    case = report(category=world["building"], answers={}, description="院落圈占")
    from gongzhi.cases.services import case_dispatch, case_resolve, case_verify

    case = drive(world, case, State.ACCEPTED)
    case = case_dispatch(case=case, actor=world["users"]["dispatcher"])
    case = case_resolve(case=case, actor=world["users"]["officer"], note="已拆除")
    case = case_verify(case=case, actor=world["users"]["staff"], passed=True)
    revisit = revisit_record(
        revisit=Revisit.objects.get(case=case), actor=world["users"]["staff"], relapsed=False
    )
    assert revisit.outcome == RevisitOutcome.HOLDS and revisit.linked_case is None
    assert Case.objects.count() == 1


def test_rates_over_a_subtree_and_period(world, report, monkeypatch):
    resident = world["users"]["resident"]
    closed = [drive(world, report(), State.CLOSED) for _ in range(3)]
    drive(world, report(), State.REJECTED)
    drive(world, report(), State.REWORK)
    case_rate(case=closed[0], by=resident, contacted=True, solved=True, satisfied=True)
    case_rate(case=closed[1], by=resident, contacted=True, solved=True, satisfied=False)
    now = timezone.now()
    rates = case_rates(
        node=world["community"], start=now - dt.timedelta(days=1), end=now + dt.timedelta(days=1)
    )
    assert rates["total"] == 5
    assert rates["accepted"] == 4
    assert rates["rated"] == 2
    assert rates["satisfaction_rate"] == 0.5 and rates["response_rate"] == 1.0
    # closed[1] was reopened by its unsatisfied rating: two of four accepted are closed.
    assert rates["closed"] == 2 and rates["closure_rate"] == 0.5
    assert rates["on_time_closure_rate"] == 1.0 and rates["rework_rate"] == 0.0
    other = case_rates(
        node=world["grid2"], start=now - dt.timedelta(days=1), end=now + dt.timedelta(days=1)
    )
    assert other["total"] == 0 and other["satisfaction_rate"] is None
