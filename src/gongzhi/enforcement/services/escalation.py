"""The escalation sweep (督办) for overdue procedure steps.

Run it from cron (``gongzhi escalate_enforcement``) or a task worker. It is idempotent: the
unique constraint on (record, step_seq) means a second run, or two runs at once, create and
notify nothing new. Each overdue step is escalated once, to the supervisors on the nearest
node up the tree that has any (the street's, else the district's), and the officers who should
have acted are told as well.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongzhi.cases.recipients import ancestor_paths, nearest_holders
from gongzhi.cases.services.notifications import notify
from gongzhi.core.audit import log_action
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.choices import RecordState
from gongzhi.enforcement.models import IllegalStructure, StructureSupervision
from gongzhi.enforcement.procedure import TRANSITIONS, allowed_from
from gongzhi.org.models import RoleAssignment
from gongzhi.org.roles import roles_with

BATCH = 500


def _responsible_permission(state: str) -> str:
    """The permission of the step the state waits on (who should have acted)."""
    actions = allowed_from(state)
    return TRANSITIONS[actions[0]].permission if actions else perms.INVESTIGATE


def _supervisors(node):
    """(node, users) of the nearest node up from ``node`` holding supervisors; (node, [])."""
    assignments = list(
        RoleAssignment.objects.filter(
            node__path__in=ancestor_paths(node),
            role__in=roles_with(perms.SUPERVISE) - {"admin"},
        )
        .select_related("user", "node")
        .order_by("-node__depth", "user_id")
    )
    if not assignments:
        return node, []
    nearest = assignments[0].node
    return nearest, [a.user for a in assignments if a.node_id == nearest.pk]


def escalate_enforcement(*, now=None) -> list[StructureSupervision]:
    """Escalate every record whose current step is past its deadline at ``now``; return the
    supervisions this run created."""
    now = now or timezone.now()
    created: list[StructureSupervision] = []
    last_pk = 0
    while True:
        batch = list(
            IllegalStructure.objects.overdue(now)
            .filter(pk__gt=last_pk)
            .exclude(supervisions__step_seq=F("step_seq"))
            .select_related("node", "case")
            .order_by("pk")[:BATCH]
        )
        if not batch:
            break
        for record in batch:
            supervision = _escalate(record)
            if supervision is not None:
                created.append(supervision)
        last_pk = batch[-1].pk
    return created


def _escalate(record) -> StructureSupervision | None:
    node, supervisors = _supervisors(record.node)
    officers = nearest_holders(record.node, _responsible_permission(record.state))
    users = list({u.pk: u for u in [*supervisors, *officers]}.values())
    try:
        with transaction.atomic():
            supervision = StructureSupervision.objects.create(
                record=record,
                state=record.state,
                step_seq=record.step_seq,
                node=node,
                deadline_at=record.step_deadline_at,
                notified_count=len(users),
            )
            log_action(
                "enforcement.structure.supervised",
                obj=record,
                data={
                    "reference": record.reference,
                    "state": record.state,
                    "step_seq": record.step_seq,
                    "node": node.code,
                    "deadline": record.step_deadline_at,
                },
            )
            notify(
                users=users,
                verb="enforcement_overdue",
                case=record.case,
                data={
                    "ref": record.reference,
                    "step": str(RecordState(record.state).label),
                    "record": record.pk,
                },
            )
    except IntegrityError:
        return None  # another sweep got there first
    return supervision
