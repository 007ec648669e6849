"""The one table of the procedure: action → allowed states → new state, and who may do it.

Every procedure service looks its action up here; the record page reads the same table to show
a user only what they may do now. ``document`` marks the actions that happen by serving a
document of that kind (the service record moves the record on); ``after_lapse`` marks those
allowed only once the self-demolition deadline has passed.

    found ─investigate→ investigated ─stop order served→ stop_served
      │                    │                                 │
      └──dismiss───────────┘                 demolition order served (deadline date)
                                                             ↓
    demolished ←self-demolish── (any open state after investigation)
        ↑                                     demolition_served ─reminder (after lapse)→ reminded
        └──force-demolish── forced_noticed ←forced-demolition notice served── reminded
    demolished ─revisit→ demolished ─last revisit→ closed;  ─relapse→ relapsed (+ a new record)
"""

from __future__ import annotations

from dataclasses import dataclass

from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.choices import Action, DocumentKind, RecordState


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    permission: str
    document: str | None = None
    after_lapse: bool = False


S = RecordState
_STANDING_AFTER_INVESTIGATION = {
    S.INVESTIGATED,
    S.STOP_ORDER_SERVED,
    S.DEMOLITION_ORDER_SERVED,
    S.REMINDED,
    S.FORCED_NOTICE_SERVED,
}


def _t(action, sources, target, permission, document=None, after_lapse=False):
    return Transition(action, frozenset(sources), target, permission, document, after_lapse)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        _t(Action.INVESTIGATE, {S.FOUND}, S.INVESTIGATED, perms.INVESTIGATE),
        _t(Action.DISMISS, {S.FOUND, S.INVESTIGATED}, S.DISMISSED, perms.INVESTIGATE),
        _t(
            Action.SERVE_STOP_ORDER,
            {S.INVESTIGATED},
            S.STOP_ORDER_SERVED,
            perms.SERVE,
            DocumentKind.STOP_ORDER,
        ),
        _t(
            Action.SERVE_DEMOLITION_ORDER,
            {S.STOP_ORDER_SERVED},
            S.DEMOLITION_ORDER_SERVED,
            perms.SERVE,
            DocumentKind.DEMOLITION_ORDER,
        ),
        _t(
            Action.SERVE_REMINDER,
            {S.DEMOLITION_ORDER_SERVED},
            S.REMINDED,
            perms.SERVE,
            DocumentKind.REMINDER,
            after_lapse=True,
        ),
        _t(
            Action.SERVE_FORCED_NOTICE,
            {S.REMINDED},
            S.FORCED_NOTICE_SERVED,
            perms.SERVE,
            DocumentKind.FORCED_NOTICE,
        ),
        _t(Action.SELF_DEMOLISH, _STANDING_AFTER_INVESTIGATION, S.DEMOLISHED, perms.DEMOLISH),
        _t(Action.FORCE_DEMOLISH, {S.FORCED_NOTICE_SERVED}, S.DEMOLISHED, perms.DEMOLISH),
        _t(Action.REVISIT, {S.DEMOLISHED}, S.DEMOLISHED, perms.REVISIT),
        _t(Action.REVISIT_LAST, {S.DEMOLISHED}, S.CLOSED, perms.REVISIT),
        _t(Action.RELAPSE, {S.DEMOLISHED}, S.RELAPSED, perms.REVISIT),
    ]
}

# The action that serving each kind of document performs.
SERVING = {t.document: t for t in TRANSITIONS.values() if t.document}

# Which time limit each state waits on (see ``deadlines.step_deadline``).
STATE_RULE = {
    S.FOUND: "investigate",
    S.INVESTIGATED: "stop_order",
    S.STOP_ORDER_SERVED: "demolition_order",
    S.DEMOLITION_ORDER_SERVED: "reminder",
    S.REMINDED: "forced",
    S.FORCED_NOTICE_SERVED: "forced",
    S.DEMOLISHED: "revisit",
}

# When the record enters this state, stamp the time on this field.
STATE_TIMESTAMP = {
    S.INVESTIGATED: "investigated_at",
    S.CLOSED: "closed_at",
    S.RELAPSED: "closed_at",
    S.DISMISSED: "closed_at",
}


def allowed_from(state: str) -> list[str]:
    """The actions the table allows from ``state`` (for any role)."""
    return [a for a, t in TRANSITIONS.items() if state in t.sources]
