"""The SLA colour of many cases at once: one calendar lookup for a whole list page."""

from __future__ import annotations

from django.utils import timezone

from gongzhi.cases.choices import OPEN_STATES, SlaStatus
from gongzhi.worktime import clock


def _clocks():
    """A function node → WorkClock over one calendar snapshot (one query for the token)."""
    from gongzhi.worktime.snapshot import current_snapshot

    snapshot = current_snapshot()
    tz = timezone.get_default_timezone()
    cache: dict[str, clock.WorkClock] = {}

    def for_node(node):
        key = node.path if node is not None else ""
        if key not in cache:
            cache[key] = clock.WorkClock(
                calendar=snapshot.calendar, tz=tz, periods=snapshot.periods_for(node)
            )
        return cache[key]

    return for_node


def _status(case, clock_for, now) -> str | None:
    if not case.step_deadline_at or not case.step_started_at or case.state not in OPEN_STATES:
        return None
    return clock_for(case.node).sla_status(case.step_started_at, case.step_deadline_at, now)


def sla_statuses(cases, *, now=None) -> dict[int, str | None]:
    """{case id: green / yellow / red / None} for cases loaded with their ``node``.

    Same answer as ``case_sla`` for each case, for one query in all instead of one per case.
    """
    cases = list(cases)
    if not cases:
        return {}
    now = now or timezone.now()
    clock_for = _clocks()
    return {case.pk: _status(case, clock_for, now) for case in cases}


def filter_by_sla(queryset, colour: str, *, now=None):
    """Narrow a case queryset to one SLA colour (two queries: the candidates and the calendar).

    Red is a plain comparison with the deadline; yellow needs the working-time clock, so the
    open cases still on time are read (id, node path and their step's times only) and measured.
    """
    now = now or timezone.now()
    if colour == SlaStatus.RED:
        return queryset.filter(state__in=OPEN_STATES, step_deadline_at__lt=now)
    if colour not in (SlaStatus.GREEN, SlaStatus.YELLOW):
        return queryset
    candidates = list(
        queryset.filter(
            state__in=OPEN_STATES,
            step_deadline_at__gte=now,
            step_started_at__isnull=False,
        )
        .select_related(None)
        .only("pk", "state", "step_started_at", "step_deadline_at", "node__path")
        .select_related("node")
    )
    statuses = sla_statuses(candidates, now=now)
    keep = [pk for pk, status in statuses.items() if status == colour]
    return queryset.filter(pk__in=keep)
