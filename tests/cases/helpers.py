"""Driving cases through the workflow in tests."""

import datetime as dt

from django.utils import timezone

from gongzhi.cases import services as s
from gongzhi.cases.choices import Action, State


def runners(world, merge_target=None):
    """action → function(case, actor) calling the service with plausible arguments."""
    return {
        Action.ACCEPT: lambda c, a: s.case_accept(case=c, actor=a),
        Action.REJECT: lambda c, a: s.case_reject(case=c, actor=a, reason="不属于本社区管辖"),
        Action.MERGE: lambda c, a: s.case_merge(case=c, into=merge_target, actor=a),
        Action.PARK: lambda c, a: s.case_park(
            case=c,
            actor=a,
            review_on=timezone.localdate() + dt.timedelta(days=30),
            reason="需要等待维修基金审批",
        ),
        Action.UNPARK: lambda c, a: s.case_unpark(case=c, actor=a),
        Action.DISPATCH: lambda c, a: s.case_dispatch(case=c, actor=a, party=world["property_co"]),
        Action.START_HANDLING: lambda c, a: s.case_start_handling(case=c, actor=a),
        Action.RETURN: lambda c, a: s.case_return(case=c, actor=a, reason="不是我们的设施"),
        Action.RESOLVE: lambda c, a: s.case_resolve(case=c, actor=a, note="已更换控制板"),
        Action.VERIFY_PASS: lambda c, a: s.case_verify(case=c, actor=a, passed=True),
        Action.VERIFY_FAIL: lambda c, a: s.case_verify(
            case=c, actor=a, passed=False, note="电梯仍有异响"
        ),
        Action.REOPEN: lambda c, a: s.case_reopen(case=c, actor=a, reason="居民反映又坏了"),
    }


# The shortest path of actions (and who does them) from reported to each state.
PATHS = {
    State.REPORTED: [],
    State.ACCEPTED: [Action.ACCEPT],
    State.REJECTED: [Action.REJECT],
    State.PARKED: [Action.ACCEPT, Action.PARK],
    State.MERGED: [Action.MERGE],
    State.DISPATCHED: [Action.ACCEPT, Action.DISPATCH],
    State.HANDLING: [Action.ACCEPT, Action.DISPATCH, Action.START_HANDLING],
    State.RETURNED: [Action.ACCEPT, Action.DISPATCH, Action.RETURN],
    State.RESOLVED: [Action.ACCEPT, Action.DISPATCH, Action.START_HANDLING, Action.RESOLVE],
    State.CLOSED: [
        Action.ACCEPT,
        Action.DISPATCH,
        Action.START_HANDLING,
        Action.RESOLVE,
        Action.VERIFY_PASS,
    ],
    State.REWORK: [
        Action.ACCEPT,
        Action.DISPATCH,
        Action.START_HANDLING,
        Action.RESOLVE,
        Action.VERIFY_FAIL,
    ],
}

ACTOR_FOR = {
    Action.ACCEPT: "dispatcher",
    Action.REJECT: "dispatcher",
    Action.MERGE: "dispatcher",
    Action.PARK: "dispatcher",
    Action.UNPARK: "dispatcher",
    Action.DISPATCH: "dispatcher",
    Action.START_HANDLING: "handler",
    Action.RETURN: "handler",
    Action.RESOLVE: "handler",
    Action.VERIFY_PASS: "grid_worker",
    Action.VERIFY_FAIL: "grid_worker",
    Action.REOPEN: "staff",
}


def drive(world, case, state, merge_target=None):
    """Move ``case`` from reported to ``state`` through the services, as the usual roles."""
    run = runners(world, merge_target)
    for action in PATHS[state]:
        case = run[action](case, world["users"][ACTOR_FOR[action]])
    assert case.state == state
    return case
