"""The escalation sweep (督办): overdue steps go up the tree, once per step and level.

Run it from cron (``gongzhi escalate_overdue``) or a task worker (``escalate_overdue()``).
It is idempotent: the unique constraint on (case, step, step_seq, level) means a second run,
or two runs at once, create and notify nothing new.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import Action
from gongzhi.cases.models import Case, Supervision
from gongzhi.cases.services.common import record
from gongzhi.cases.services.notifications import notify
from gongzhi.org.models import Node, RoleAssignment
from gongzhi.org.roles import roles_with
from gongzhi.worktime import clock

MAX_LEVEL = 3
BATCH = 500


def overdue_level(case, now) -> int:
    """1 once the deadline has passed, 2 after twice the step's working time, 3 after three."""
    budget = clock.working_seconds_between(
        case.step_started_at, case.step_deadline_at, node=case.node
    )
    if budget <= 0:
        return 1
    used = clock.working_seconds_between(case.step_started_at, now, node=case.node)
    return max(1, min(MAX_LEVEL, int(used // budget)))


def _targets(case, supervisor_paths: set[str], ancestors: dict[str, Node]) -> list[Node]:
    """The ancestors above the case's node that have supervisors, nearest first; the parent
    node alone when nobody supervises anywhere above."""
    above = [case.node.path[: i * case.node.steplen] for i in range(case.node.depth - 1, 0, -1)]
    with_people = [ancestors[p] for p in above if p in supervisor_paths and p in ancestors]
    if with_people:
        return with_people
    return [ancestors[above[0]]] if above and above[0] in ancestors else [case.node]


def escalate_overdue(*, now=None, limit: int | None = None) -> list[Supervision]:
    """Create the supervisions due at ``now`` and notify their supervisors; return the new ones.

    Walks every overdue case in batches (at most ``limit`` cases when given).
    """
    now = now or timezone.now()
    created: list[Supervision] = []
    last_pk, seen = 0, 0
    while limit is None or seen < limit:
        size = BATCH if limit is None else min(BATCH, limit - seen)
        batch = list(
            Case.objects.overdue(now)
            .filter(pk__gt=last_pk)
            .select_related("node", "category")
            .order_by("pk")[:size]
        )
        if not batch:
            break
        created += _sweep(batch, now)
        last_pk, seen = batch[-1].pk, seen + len(batch)
    return created


def _sweep(overdue: list[Case], now) -> list[Supervision]:
    roles = roles_with(perms.SUPERVISE) - {"admin"}
    done = set(
        Supervision.objects.filter(case__in=overdue).values_list("case_id", "step_seq", "level")
    )
    paths = {n.path[: i * n.steplen] for n in (c.node for c in overdue) for i in range(1, n.depth)}
    ancestors = {n.path: n for n in Node.objects.filter(path__in=paths)}
    assignments = list(
        RoleAssignment.objects.filter(node__path__in=paths, role__in=roles).select_related(
            "user", "node"
        )
    )
    supervisors: dict[str, list] = {}
    for a in assignments:
        supervisors.setdefault(a.node.path, []).append(a.user)
    created = []
    for case in overdue:
        targets = _targets(case, set(supervisors), ancestors)
        # Each level goes one supervised node further up; past the top there is nobody new.
        for level in range(1, min(overdue_level(case, now), len(targets)) + 1):
            if (case.pk, case.step_seq, level) in done:
                continue
            node = targets[level - 1]
            users = supervisors.get(node.path, [])
            try:
                with transaction.atomic():
                    supervision = Supervision.objects.create(
                        case=case,
                        step=case.step,
                        step_seq=case.step_seq,
                        level=level,
                        node=node,
                        deadline_at=case.step_deadline_at,
                        notified_count=len({u.pk for u in users}),
                    )
                    record(
                        case,
                        Action.SUPERVISE,
                        public=False,
                        data={"step": case.step, "level": level, "node": node.code},
                    )
                    notify(
                        users=users,
                        verb="case_overdue",
                        case=case,
                        data={"step": case.step, "level": level},
                    )
            except IntegrityError:
                continue  # another sweep got there first
            created.append(supervision)
    return created
