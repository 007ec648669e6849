"""The one table of allowed transitions: state → action → new state, and who may do it.

Every workflow service looks its action up here; ``available_actions`` reads the same table to
show a user only the buttons they may press. ``who`` says how the actor is checked:

- ``scope``: ``org.access.can(user, permission, case.node)``: a role on the case's node or above;
- ``party``: the actor handles for the party the case is dispatched to (a role granting
  ``permission`` bound to that party), or is the case's named handler.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import Action, State

SCOPE = "scope"
PARTY = "party"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    permission: str
    who: str
    public: bool  # whether the timeline entry is shown to the reporter and the public


def _t(action, sources, target, permission, who=SCOPE, public=True):
    return Transition(action, frozenset(sources), target, permission, who, public)


S = State
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t(Action.ACCEPT, {S.REPORTED}, S.ACCEPTED, perms.ACCEPT),
        _t(Action.REJECT, {S.REPORTED, S.ACCEPTED, S.RETURNED}, S.REJECTED, perms.ACCEPT),
        _t(
            Action.MERGE,
            {S.REPORTED, S.ACCEPTED, S.RETURNED, S.PARKED, S.DISPATCHED},
            S.MERGED,
            perms.MERGE,
        ),
        _t(Action.PARK, {S.REPORTED, S.ACCEPTED, S.RETURNED}, S.PARKED, perms.PARK),
        _t(Action.UNPARK, {S.PARKED}, S.ACCEPTED, perms.PARK),
        _t(Action.DISPATCH, {S.ACCEPTED, S.RETURNED, S.DISPATCHED}, S.DISPATCHED, perms.DISPATCH),
        _t(Action.START_HANDLING, {S.DISPATCHED, S.REWORK}, S.HANDLING, perms.HANDLE, PARTY),
        _t(Action.RETURN, {S.DISPATCHED, S.HANDLING}, S.RETURNED, perms.HANDLE, PARTY, False),
        _t(Action.RESOLVE, {S.DISPATCHED, S.HANDLING, S.REWORK}, S.RESOLVED, perms.HANDLE, PARTY),
        _t(Action.VERIFY_PASS, {S.RESOLVED}, S.CLOSED, perms.VERIFY),
        _t(Action.VERIFY_FAIL, {S.RESOLVED}, S.REWORK, perms.VERIFY),
        _t(Action.REOPEN, {S.CLOSED}, S.REWORK, perms.REOPEN),
    ]
}

# Actions after which the step's clock starts again even when the step stays the same (a new
# party gets its full handling time; rework is a new round).
RESTART_CLOCK = frozenset({Action.DISPATCH, Action.VERIFY_FAIL, Action.REOPEN})

# When the case enters this state, stamp the time on this field.
STATE_TIMESTAMP = {
    S.ACCEPTED: "accepted_at",
    S.DISPATCHED: "dispatched_at",
    S.HANDLING: "handling_started_at",
    S.RESOLVED: "resolved_at",
    S.CLOSED: "closed_at",
    S.REJECTED: "rejected_at",
    S.MERGED: "merged_at",
    S.PARKED: "parked_at",
}


def allowed_from(state: str) -> list[str]:
    """The actions the table allows from ``state`` (for any role)."""
    return [a for a, t in TRANSITIONS.items() if state in t.sources]
