"""Every transition allowed and refused, per role and per state."""

import pytest
from django.core.exceptions import PermissionDenied

from gongzhi.cases.choices import Action, State
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.cases.workflow import TRANSITIONS
from gongzhi.core.models import AuditEntry

from .helpers import PATHS, drive, runners

ROLES = [
    "staff",
    "dispatcher",
    "grid_worker",
    "other_grid_worker",
    "supervisor",
    "street_supervisor",
    "handler",
    "officer",
    "resident",
    "stranger",
]
ALLOWED = {
    Action.ACCEPT: {"staff", "dispatcher"},
    Action.REJECT: {"staff", "dispatcher"},
    Action.MERGE: {"staff", "dispatcher"},
    Action.PARK: {"staff", "dispatcher"},
    Action.UNPARK: {"staff", "dispatcher"},
    Action.DISPATCH: {"staff", "dispatcher"},
    Action.START_HANDLING: {"handler"},
    Action.RETURN: {"handler"},
    Action.RESOLVE: {"handler"},
    Action.VERIFY_PASS: {"staff", "grid_worker"},
    Action.VERIFY_FAIL: {"staff", "grid_worker"},
    Action.REOPEN: {"staff", "supervisor", "street_supervisor"},
}


def _source_state(action):
    """The first source state of the action that PATHS can reach."""
    for state in PATHS:
        if state in TRANSITIONS[action].sources:
            return state
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_each_role_is_allowed_or_refused(world, report, action):
    users = world["users"]
    target = report(description="另一个电梯问题", idempotency_key="target")
    run = runners(world, merge_target=target)[action]
    state = _source_state(action)
    for role in ROLES:
        case = drive(world, report(), state, merge_target=target)
        events_before = CaseEvent.objects.filter(case=case).count()
        if role in ALLOWED[action]:
            moved = run(case, users[role])
            assert moved.state == TRANSITIONS[action].target, role
            assert CaseEvent.objects.filter(case=case, action=action).exists()
            assert (
                AuditEntry.objects.for_object(case)
                .filter(action__startswith="cases.case.")
                .exclude(action="cases.case.verified_on_site")  # the verification's own entry
                .count()
                == CaseEvent.objects.filter(case=case).count()
            )
        else:
            with pytest.raises(PermissionDenied):
                run(case, users[role])
            case.refresh_from_db()
            assert case.state == state, role
            assert CaseEvent.objects.filter(case=case).count() == events_before


def test_each_action_refused_in_states_it_does_not_start_from(world, report, make_user):
    admin = make_user("root", is_superuser=True)
    target = report(description="另一个电梯问题", idempotency_key="target")
    cases = {state: drive(world, report(), state, merge_target=target) for state in PATHS}
    for action, transition in TRANSITIONS.items():
        run = runners(world, merge_target=target)[action]
        for state, case in cases.items():
            if state in transition.sources:
                continue
            version = Case.objects.get(pk=case.pk).version
            with pytest.raises(CaseConflict) as info:
                run(case, admin)
            assert case.reference in info.value.message
            fresh = Case.objects.get(pk=case.pk)
            assert (fresh.state, fresh.version) == (state, version)


def test_only_the_assigned_partys_handler_may_resolve(world, report, make_user):
    case = drive(world, report(), State.DISPATCHED)
    with pytest.raises(PermissionDenied):
        runners(world)[Action.RESOLVE](case, world["users"]["officer"])
    # Dispatched to the bureau instead, the officer may and the property handler may not.
    case = drive(world, report(), State.ACCEPTED)
    from gongzhi.cases.services import case_dispatch, case_resolve

    case = case_dispatch(case=case, actor=world["users"]["dispatcher"], party=world["bureau"])
    with pytest.raises(PermissionDenied):
        case_resolve(case=case, actor=world["users"]["handler"], note="x")
    assert (
        case_resolve(case=case, actor=world["users"]["officer"], note="已拆除").state == "resolved"
    )


def test_stale_version_is_a_conflict(world, report):
    from gongzhi.cases.services import case_accept

    case = report()
    with pytest.raises(CaseConflict) as info:
        case_accept(
            case=case, actor=world["users"]["dispatcher"], expected_version=case.version + 1
        )
    assert info.value.code == "version"
    assert (
        case_accept(
            case=case, actor=world["users"]["dispatcher"], expected_version=case.version
        ).state
        == State.ACCEPTED
    )


def test_rework_is_counted_and_returns_to_the_same_party(world, report):
    case = drive(world, report(), State.REWORK)
    assert case.rework_count == 1
    assert case.assigned_party == world["property_co"]
    case = runners(world)[Action.START_HANDLING](case, world["users"]["handler"])
    assert case.state == State.HANDLING
