"""The task list: create, record progress, complete, cancel; overdue marking and escalation.

A task's due date is ``due_days`` working days after its start on the node's workday calendar
(``worktime.clock.deadline``). The sweep (``escalate_overdue_tasks``) marks open tasks past
their due date overdue and raises them up the tree the way case deadlines are: level 1 once
overdue, 2 after twice the working time, 3 after three times, each level one supervised node
further up, once per task and level.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.models import Node, RoleAssignment
from gongzhi.org.roles import Role, roles_with
from gongzhi.participation import images
from gongzhi.participation import notifications as notes
from gongzhi.participation.choices import (
    TASK_OPEN,
    TASK_TRANSITIONS,
    DemandState,
    TaskSource,
    TaskState,
)
from gongzhi.participation.models import Demand, Task, TaskEscalation, TaskPhoto, TaskProgress
from gongzhi.participation.permissions import MANAGE, may_progress_task
from gongzhi.participation.services.common import (
    guard,
    lock,
    percent,
    require,
    text,
    user_or_none,
)
from gongzhi.participation.services.photos import files_guard, store
from gongzhi.worktime import clock

MAX_DUE_DAYS = 250
MAX_LEVEL = 3


def _due_days(value) -> int:
    if isinstance(value, bool):
        raise ValidationError({"due_days": _("Enter the working days as a whole number.")})
    try:
        days = int(str(value).strip())
    except (TypeError, ValueError) as exc:
        raise ValidationError({"due_days": _("Enter the working days as a whole number.")}) from exc
    if not 1 <= days <= MAX_DUE_DAYS:
        raise ValidationError(
            {"due_days": _("Between 1 and %(n)d working days, please.") % {"n": MAX_DUE_DAYS}}
        )
    return days


def _move(task: Task, target: str, *, actor, fields: dict, data=None) -> Task:
    guard(TASK_TRANSITIONS, task.state, target, labels=TaskState)
    old = task.state
    task.state = target
    for name, value in fields.items():
        setattr(task, name, value)
    task.save(update_fields=["state", *fields])
    log_action(
        f"participation.task.{target}",
        actor=actor,
        obj=task,
        old={"state": old},
        new={"state": target, "progress": task.progress_percent},
        data=data,
    )
    return task


def task_create(
    *,
    title: str,
    node,
    due_days,
    source: str = TaskSource.STAFF,
    owner_party=None,
    owner_name: str = "",
    responsible=None,
    description: str = "",
    labels=(),
    starts_at=None,
    actor=None,
) -> Task:
    """Put a promise on the task list; its due date counts working days on the calendar."""
    require(actor, MANAGE, node)
    if source not in TaskSource.values:
        raise ValidationError({"source": _("Unknown source.")})
    title = text(title, field="title", max_length=120)
    description = text(description, field="description", max_length=4000, required=False)
    days = _due_days(due_days)
    if owner_party is not None:
        owner_name = owner_party.name
        served = {b.node.path for b in owner_party.bindings.select_related("node")}
        if served and not any(node.path.startswith(p) or p.startswith(node.path) for p in served):
            raise ValidationError({"owner_party": _("This party does not serve this area.")})
    owner_name = text(
        owner_name, field="owner_party", max_length=100, label=_("Say who owns the task.")
    )
    if responsible is not None and not responsible.node.path.startswith(node.path[:12]):
        raise ValidationError(
            {"responsible": _("The responsible person must belong to this community.")}
        )
    starts_at = starts_at or timezone.now()
    with transaction.atomic():
        task = Task.objects.create(
            title=title,
            description=description,
            node=node,
            owner_party=owner_party,
            owner_name=owner_name,
            responsible=responsible,
            source=source,
            due_days=days,
            starts_at=starts_at,
            due_at=clock.deadline(starts_at, days, "days", node=node),
            created_by=user_or_none(actor),
        )
        if labels:
            task.labels.set(labels)
        log_action(
            "participation.task.created",
            actor=actor,
            obj=task,
            new={"state": task.state, "due_at": task.due_at, "owner": owner_name},
            data={"source": source},
        )
    return task


def _require_progress(actor, task) -> None:
    if actor is not None and not may_progress_task(actor, task):
        raise PermissionDenied(_("You may not record progress on this task."))


def task_progress(*, task: Task, percent_done, note: str, photos=(), actor=None) -> Task:
    """Record progress (percent, note, evidence photos); an open task is then in progress."""
    value = percent(percent_done)
    if value >= 100:
        raise ValidationError({"percent": _("To finish the task, complete it instead.")})
    note = text(note, field="note", max_length=2000, label=_("Say what was done."))
    cleaned = images.clean_many(photos)
    with files_guard(), transaction.atomic():
        task = lock(Task, task.pk, "node")
        _require_progress(actor, task)
        if task.state not in TASK_OPEN:
            raise ValidationError(
                {"state": _("This task is %(state)s.") % {"state": task.get_state_display()}},
                code="state",
            )
        entry = TaskProgress.objects.create(
            task=task, percent=value, note=note, author=user_or_none(actor)
        )
        store(TaskPhoto, cleaned, actor=actor, task=task, progress=entry)
        target = TaskState.OVERDUE if task.state == TaskState.OVERDUE else TaskState.IN_PROGRESS
        task.progress_percent = value
        _move(
            task,
            target,
            actor=actor,
            fields={"progress_percent": value},
            data={"note": note, "photos": len(cleaned)},
        )
    return task


def task_complete(*, task: Task, note: str, photos=(), actor=None) -> Task:
    """The task is done (100 %). Demands carried by it are completed with the same note and
    photos when they have both."""
    note = text(note, field="note", max_length=2000, label=_("Say what was done."))
    cleaned = images.clean_many(photos)
    with files_guard(), transaction.atomic():
        task = lock(Task, task.pk, "node")
        _require_progress(actor, task)
        entry = TaskProgress.objects.create(
            task=task, percent=100, note=note, author=user_or_none(actor)
        )
        store(TaskPhoto, cleaned, actor=actor, task=task, progress=entry)
        task.progress_percent = 100
        _move(
            task,
            TaskState.DONE,
            actor=actor,
            fields={"progress_percent": 100, "done_at": timezone.now()},
            data={"note": note, "photos": len(cleaned)},
        )
        if cleaned:
            from gongzhi.participation.services.demands import complete_with_task

            for demand in Demand.objects.filter(
                task=task, state__in=[DemandState.ACCEPTED, DemandState.IN_PROGRESS]
            ):
                complete_with_task(demand=demand, note=note, cleaned=cleaned, actor=actor)
    return task


def task_cancel(*, task: Task, reason: str, actor=None) -> Task:
    reason = text(reason, field="reason", max_length=300, label=_("Say why the task is cancelled."))
    with transaction.atomic():
        task = lock(Task, task.pk, "node")
        require(actor, MANAGE, task.node)
        return _move(
            task,
            TaskState.CANCELLED,
            actor=actor,
            fields={"cancel_reason": reason},
            data={"reason": reason},
        )


def overdue_level(task: Task, now) -> int:
    budget = clock.working_seconds_between(task.starts_at, task.due_at, node=task.node)
    if budget <= 0:
        return 1
    used = clock.working_seconds_between(task.starts_at, now, node=task.node)
    return max(1, min(MAX_LEVEL, int(used // budget)))


def escalate_overdue_tasks(*, now=None) -> list[TaskEscalation]:
    """Mark open tasks past their due date overdue and escalate them; idempotent."""
    now = now or timezone.now()
    due = list(
        Task.objects.filter(state__in=TASK_OPEN, due_at__lt=now)
        .select_related("node")
        .order_by("pk")
    )
    if not due:
        return []
    roles = (roles_with(MANAGE) | {Role.SUPERVISOR}) - {Role.ADMIN}
    paths = {t.node.path[: i * t.node.steplen] for t in due for i in range(1, t.node.depth)}
    ancestors = {n.path: n for n in Node.objects.filter(path__in=paths)}
    supervisors: dict[str, list] = {}
    for a in RoleAssignment.objects.filter(node__path__in=paths, role__in=roles).select_related(
        "user", "node"
    ):
        supervisors.setdefault(a.node.path, []).append(a.user)
    done = set(TaskEscalation.objects.filter(task__in=due).values_list("task_id", "level"))
    created = []
    for task in due:
        if task.state != TaskState.OVERDUE:
            with transaction.atomic():
                locked = lock(Task, task.pk, "node")
                if locked.state in (TaskState.OPEN, TaskState.IN_PROGRESS):
                    _move(locked, TaskState.OVERDUE, actor=None, fields={})
        above = [task.node.path[: i * task.node.steplen] for i in range(task.node.depth - 1, 0, -1)]
        targets = [ancestors[p] for p in above if p in supervisors and p in ancestors]
        if not targets and above and above[0] in ancestors:
            targets = [ancestors[above[0]]]
        for level in range(1, min(overdue_level(task, now), len(targets)) + 1):
            if (task.pk, level) in done:
                continue
            node = targets[level - 1]
            users = supervisors.get(node.path, [])
            try:
                with transaction.atomic():
                    escalation = TaskEscalation.objects.create(
                        task=task, level=level, node=node, notified_count=len({u.pk for u in users})
                    )
                    log_action(
                        "participation.task.escalated",
                        obj=task,
                        data={"level": level, "node": node.code},
                    )
                    notes.send(
                        users=users, verb="task_overdue", data={"title": task.title, "level": level}
                    )
            except IntegrityError:
                continue  # another sweep got there first
            created.append(escalation)
    return created
