"""What every enforcement service shares: the authority of a place, numbering, the row lock,
the step clock and the one function that applies a step from the procedure table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.enforcement.choices import Action, RecordState
from gongzhi.enforcement.deadlines import authority_deadline, lapse_of
from gongzhi.enforcement.errors import ProcedureConflict
from gongzhi.enforcement.models import (
    EnforcementAuthority,
    IllegalStructure,
    NumberCounter,
    StructureRevisit,
)
from gongzhi.enforcement.procedure import STATE_RULE, STATE_TIMESTAMP, TRANSITIONS
from gongzhi.org.access import can

# Past-tense audit verbs: ``enforcement.structure.<verb>``.
AUDIT_VERB = {
    Action.INVESTIGATE: "investigated",
    Action.DISMISS: "dismissed",
    Action.SERVE_STOP_ORDER: "stop_order_served",
    Action.SERVE_DEMOLITION_ORDER: "demolition_order_served",
    Action.SERVE_REMINDER: "reminder_served",
    Action.SERVE_FORCED_NOTICE: "forced_notice_served",
    Action.SELF_DEMOLISH: "self_demolished",
    Action.FORCE_DEMOLISH: "force_demolished",
    Action.REVISIT: "revisited",
    Action.REVISIT_LAST: "closed",
    Action.RELAPSE: "relapsed",
}


def authority_for(node) -> EnforcementAuthority | None:
    """The authority serving ``node``: the one on the nearest node up the tree (one query)."""
    if node is None:
        return None
    paths = [node.path[: i * node.steplen] for i in range(1, node.depth + 1)]
    return (
        EnforcementAuthority.objects.filter(node__path__in=paths)
        .select_related("node")
        .order_by("-node__depth")
        .first()
    )


def require_authority(node) -> EnforcementAuthority:
    authority = authority_for(node)
    if authority is None:
        raise ValidationError(
            {"node": _("No enforcement authority serves %(node)s yet.") % {"node": node}}
        )
    return authority


def next_number(authority, sequence: str, year: int) -> int:
    """The next number of ``authority``'s ``sequence`` in ``year``; call inside the service's
    transaction. The counter row stays locked until it commits, so concurrent issuers wait for
    each other and never share a number (on SQLite the IMMEDIATE transaction already
    serialises writers; on PostgreSQL ``select_for_update`` does)."""
    lookup = {"authority": authority, "sequence": sequence, "year": year}
    counter = NumberCounter.objects.select_for_update().filter(**lookup).first()
    if counter is None:
        try:
            with transaction.atomic():
                counter = NumberCounter.objects.create(**lookup, value=0)
        except IntegrityError:
            # Another issuer created this year's counter first: wait for its lock instead.
            counter = NumberCounter.objects.select_for_update().get(**lookup)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value


def record_reference(authority, when) -> str:
    year = timezone.localdate(when).year
    return f"WJ-{authority.code}-{year}-{next_number(authority, 'record', year):04d}"


def lock_record(record) -> IllegalStructure:
    """The record row, locked until the transaction ends."""
    return (
        IllegalStructure.objects.select_for_update(of=("self",))
        .select_related("authority", "node", "case")
        .get(pk=record.pk)
    )


def is_allowed(user, permission: str, node) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or can(user, permission, node)


def may(user, action: str, record) -> bool:
    """May ``user`` perform ``action`` on ``record`` (ignoring its state)?"""
    return is_allowed(user, TRANSITIONS[action].permission, record.node)


def next_revisit(record) -> StructureRevisit | None:
    return record.revisits.filter(done_at__isnull=True).order_by("due_on", "seq").first()


def step_deadline(record, now) -> dt.datetime | None:
    """The deadline of the step ``record`` waits on in its current state."""
    rule = STATE_RULE.get(record.state)
    authority, node = record.authority, record.node
    if rule is None:
        return None
    if rule == "investigate":
        return authority_deadline(authority, rule, record.found_at, node=node)
    if rule == "reminder":
        return authority_deadline(
            authority, rule, lapse_of(record.self_demolition_deadline), node=node
        )
    if rule == "forced":
        return record.forced_deadline_at
    if rule == "revisit":
        upcoming = next_revisit(record)
        return lapse_of(upcoming.due_on) if upcoming else None
    return authority_deadline(authority, rule, now, node=node)


def start_step(record, now) -> list[str]:
    """Start the clock of the step the record's (new) state waits on."""
    if record.step_deadline_at and now > record.step_deadline_at:
        record.was_overdue = True
    record.step_seq += 1
    record.step_started_at = now
    record.step_deadline_at = step_deadline(record, now)
    if record.step_deadline_at is None:
        record.step_started_at = None
    return ["step_seq", "step_started_at", "step_deadline_at", "was_overdue"]


def audit(record, action: str, *, actor, old=None, new=None, data=None):
    return log_action(
        f"enforcement.structure.{AUDIT_VERB[action]}",
        actor=actor,
        obj=record,
        old=old,
        new=new,
        data={"reference": record.reference, **(data or {})},
    )


def apply_step(
    *,
    record,
    action: str,
    actor,
    data: dict | None = None,
    expected_version: int | None = None,
    check: Callable[[IllegalStructure], None] | None = None,
    mutate: Callable[[IllegalStructure], list[str]] | None = None,
    effects: Callable[[IllegalStructure], None] | None = None,
    now=None,
) -> IllegalStructure:
    """Apply ``action`` from the procedure table to ``record`` in one transaction.

    Locks the row; checks the actor, the version, the state and ``check(record)``; lets
    ``mutate`` change further fields and ``effects`` write the rows that go with the step;
    moves the state and the step clock; writes the audit entry. Raises ``PermissionDenied``,
    ``ProcedureConflict`` or ``ValidationError``; nothing is written then.
    """
    transition = TRANSITIONS[action]
    label = Action(action).label
    with transaction.atomic():
        locked = lock_record(record)
        if not may(actor, action, locked):
            raise PermissionDenied(
                _("You may not do this to record %(ref)s: %(action)s.")
                % {"ref": locked.reference, "action": label}
            )
        if expected_version is not None and locked.version != expected_version:
            raise ProcedureConflict.for_version(locked)
        if locked.state not in transition.sources:
            raise ProcedureConflict.for_state(locked, label)
        if check is not None:
            check(locked)
        now = now or timezone.now()
        old_state = locked.state
        fields = set(mutate(locked) if mutate else [])
        locked.state = transition.target
        fields.add("state")
        stamp = STATE_TIMESTAMP.get(transition.target)
        if stamp:
            setattr(locked, stamp, now)
            fields.add(stamp)
        if effects is not None:
            # Effects may add rows the clock reads (the revisit schedule): run them first.
            effects(locked)
        fields.update(start_step(locked, now))
        locked.version += 1
        fields.update({"version", "updated_at"})
        locked.save(update_fields=sorted(fields))
        audit(
            locked,
            action,
            actor=actor,
            old={"state": old_state},
            new={"state": locked.state},
            data=data,
        )
    return locked


def state_label(state: str) -> str:
    return RecordState(state).label
