"""Windowed reads for the figures other apps compute over participation (the insights app's
KPIs). Each function returns a queryset in the subtree of ``path`` whose timestamp lies in
``[start, end)``, so that the same rows serve an aggregate query and the list of records behind
a figure.
"""

from __future__ import annotations

from django.db.models import Count, Q

from gongzhi.org.selectors import nodes_under
from gongzhi.participation.choices import COUNCIL_HELD_STATES, DemandState, PostState, TaskState
from gongzhi.participation.models import BoardPost, CompliancePolicy, Council, Demand, Task
from gongzhi.participation.selectors import DEFAULT_REQUIRED_LEVELS


def councils_due_at(*, path: str, moment):
    """The nodes of the subtree that must hold a council every month: those at a level the
    compliance rules require (``required_levels``), as one query — the rules are read in
    subqueries. The org tree keeps no history, so a past month is counted over today's nodes
    and rules (``moment`` is accepted for the point-in-time source and not used)."""
    required = CompliancePolicy.objects.filter(monthly_required=True).values("level")
    exempt = CompliancePolicy.objects.filter(monthly_required=False).values("level")
    return nodes_under(path).filter(
        Q(level__in=required) | (Q(level__in=DEFAULT_REQUIRED_LEVELS) & ~Q(level__in=exempt))
    )


def councils_held(*, path: str, start, end):
    """Councils of the subtree held (or further on: minutes published, closed) that started in
    the window — the councils ``monthly_compliance`` counts as held."""
    return Council.objects.filter(
        node__path__startswith=path,
        starts_at__gte=start,
        starts_at__lt=end,
        state__in=COUNCIL_HELD_STATES,
    )


def demands_raised(*, path: str, start, end):
    """Demands raised in the subtree in the window, whatever became of them."""
    return Demand.objects.filter(
        node__path__startswith=path, created_at__gte=start, created_at__lt=end
    )


def demands_done(*, path: str, start, end):
    """Demands of the subtree that reached done in the window."""
    return Demand.objects.filter(
        node__path__startswith=path, state=DemandState.DONE, done_at__gte=start, done_at__lt=end
    )


def posts_approved(*, path: str, start, end):
    """Posts on either board in the subtree approved by a moderator in the window and still
    public."""
    return BoardPost.objects.filter(
        node__path__startswith=path,
        state=PostState.APPROVED,
        moderated_at__gte=start,
        moderated_at__lt=end,
    )


def tasks_overdue_at(*, path: str, moment):
    """Tasks of the subtree created by ``moment``, due before it and not done by then (done
    later or not yet). Cancelled tasks are left out whenever they were cancelled: a task keeps
    no cancellation time."""
    return Task.objects.filter(
        Q(done_at__isnull=True) | Q(done_at__gt=moment),
        node__path__startswith=path,
        created_at__lte=moment,
        due_at__lt=moment,
    ).exclude(state=TaskState.CANCELLED)


def count_aggregates() -> dict:
    return {"n": Count("pk")}
