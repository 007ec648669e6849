"""What every case service shares: the actor check, the timeline + audit record, the step clock
and the one function that applies a transition from the table."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases.choices import AUDIT_VERB, STATE_STEP, Action, State
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.cases.workflow import PARTY, RESTART_CLOCK, STATE_TIMESTAMP, TRANSITIONS
from gongzhi.core.audit import log_action
from gongzhi.org.access import can, user_scope
from gongzhi.worktime import clock


def acts_for_party(user, case, permission: str) -> bool:
    """Is ``user`` the case's handler, or do they hold ``permission`` for its assigned party?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if case.handler_id is not None and case.handler_id == user.pk:
        return True
    if case.assigned_party_id is None:
        return False
    # Grant.grants: a role's permissions, or an API key's own list when it acts for a party.
    return any(
        g.party_id == case.assigned_party_id and g.grants(permission)
        for g in user_scope(user).grants
    )


def may(user, transition, case) -> bool:
    """May ``user`` perform ``transition`` on ``case`` (ignoring its state)?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if transition.who == PARTY:
        return acts_for_party(user, case, transition.permission)
    return can(user, transition.permission, case.node)


def lock_case(case) -> Case:
    """The case row, locked until the transaction ends (a no-op lock on SQLite, where the
    IMMEDIATE transaction already serialises writers)."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("category", "node")
        .get(pk=case.pk)
    )


def record(
    case,
    action: str,
    *,
    actor=None,
    from_state: str = "",
    to_state: str = "",
    public: bool = False,
    note: str = "",
    data: dict | None = None,
    old: dict | None = None,
    new: dict | None = None,
) -> CaseEvent:
    """Write the timeline entry and the audit entry for one thing that happened to a case."""
    data = dict(data or {})
    event = CaseEvent.objects.create(
        case=case,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        public=public,
        note=note,
        data=data,
    )
    audit_data = {"reference": case.reference, **data}
    if note:
        audit_data["note"] = note
    log_action(
        f"cases.case.{AUDIT_VERB[action]}", actor=actor, obj=case, old=old, new=new, data=audit_data
    )
    return event


def start_step(case, step: str, now) -> list[str]:
    """Start the clock of ``step`` (or stop the clock when ``step`` is empty)."""
    if case.step and case.step_deadline_at and now > case.step_deadline_at:
        case.was_overdue = True
    case.step = step
    if step:
        amount, unit = case.category.limit_for(step)
        case.step_seq += 1
        case.step_started_at = now
        case.step_deadline_at = clock.deadline(now, amount, unit, node=case.node)
    else:
        case.step_started_at = None
        case.step_deadline_at = None
    return ["step", "step_seq", "step_started_at", "step_deadline_at", "was_overdue"]


def clock_facts(case) -> dict:
    """What the timeline keeps of the clock after a move, so that figures for a past month can
    be computed from the events alone: the deadline of the step now running (epoch seconds;
    absent when no clock runs) and, on a closing, whether every step so far kept its deadline."""
    deadline = case.step_deadline_at
    facts = {"deadline_ts": int(deadline.timestamp())} if deadline else {}
    if case.state == State.CLOSED:
        facts["on_time"] = not case.was_overdue
    return facts


def apply_transition(
    *,
    case,
    action: str,
    actor,
    note: str = "",
    data: dict | None = None,
    expected_version: int | None = None,
    mutate: Callable[[Case], list[str]] | None = None,
    system: bool = False,
    after: Callable[[Case, CaseEvent], None] | None = None,
) -> Case:
    """Apply ``action`` from the transition table to ``case`` in one transaction.

    Locks the row, checks the actor (unless ``system``: a follow-up reopening on the reporter's
    word), the version and the state, lets ``mutate`` change further fields, moves the state and
    the step clock, writes the timeline + audit entries, and runs ``after`` (notifications,
    photos, revisits) inside the same transaction. Raises ``PermissionDenied`` or
    ``CaseConflict``; nothing is written then.
    """
    transition = TRANSITIONS[action]
    label = Action(action).label
    with transaction.atomic():
        locked = lock_case(case)
        if not system and not may(actor, transition, locked):
            raise PermissionDenied(
                _("You may not do this to case %(ref)s: %(action)s.")
                % {"ref": locked.reference, "action": label}
            )
        if expected_version is not None and locked.version != expected_version:
            raise CaseConflict.for_version(locked)
        if locked.state not in transition.sources:
            raise CaseConflict.for_state(locked, label)
        now = timezone.now()
        old_state = locked.state
        fields = set(mutate(locked) if mutate else [])
        locked.state = transition.target
        fields.add("state")
        stamp = STATE_TIMESTAMP.get(transition.target)
        if stamp:
            setattr(locked, stamp, now)
            fields.add(stamp)
        new_step = STATE_STEP.get(transition.target, "")
        if new_step != locked.step or action in RESTART_CLOCK:
            fields.update(start_step(locked, new_step, now))
        locked.version += 1
        fields.update({"version", "updated_at"})
        locked.save(update_fields=sorted(fields))
        event = record(
            locked,
            action,
            actor=actor,
            from_state=old_state,
            to_state=locked.state,
            public=transition.public,
            note=note,
            data={**(data or {}), **clock_facts(locked)},
            old={"state": old_state},
            new={"state": locked.state},
        )
        if after is not None:
            after(locked, event)
    return locked
