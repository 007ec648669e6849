"""KPIs over a period and subtree: 三率 (response, resolution, satisfaction), closure, on-time
closure and rework rates; the follow-up call list; revisits due."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from gongzhi.cases.choices import State
from gongzhi.cases.models import Case, Rating, Revisit
from gongzhi.cases.policy import policy_for


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def case_rates(*, node, start, end) -> dict:
    """Rates for cases reported in [start, end) in ``node``'s subtree (two queries).

    Response, resolution and satisfaction rates are the shares of follow-ups answered
    contacted / solved / satisfied; closure rate = closed / accepted; on-time closure rate =
    closed without any overdue step / closed; rework rate = closed with rework / closed.
    """
    cases = Case.objects.filter(
        node__path__startswith=node.path, reported_at__gte=start, reported_at__lt=end
    )
    counts = cases.aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
        closed=Count("pk", filter=Q(state=State.CLOSED)),
        on_time=Count("pk", filter=Q(state=State.CLOSED, was_overdue=False)),
        reworked=Count("pk", filter=Q(state=State.CLOSED, rework_count__gt=0)),
        rejected=Count("pk", filter=Q(state=State.REJECTED)),
        open=Count("pk", filter=~Q(state__in=[State.CLOSED, State.REJECTED, State.MERGED])),
    )
    ratings = Rating.objects.filter(case__in=cases).aggregate(
        rated=Count("pk"),
        contacted=Count("pk", filter=Q(contacted=True)),
        solved=Count("pk", filter=Q(solved=True)),
        satisfied=Count("pk", filter=Q(satisfied=True)),
    )
    return {
        **counts,
        **ratings,
        "response_rate": _rate(ratings["contacted"], ratings["rated"]),
        "resolution_rate": _rate(ratings["solved"], ratings["rated"]),
        "satisfaction_rate": _rate(ratings["satisfied"], ratings["rated"]),
        "closure_rate": _rate(counts["closed"], counts["accepted"]),
        "on_time_closure_rate": _rate(counts["on_time"], counts["closed"]),
        "rework_rate": _rate(counts["reworked"], counts["closed"]),
    }


def followup_call_list(user, *, now=None, within_days: int | None = None):
    """Closed cases whose latest closing has no rating yet, closed within the follow-up window;
    phone and anonymous reports (no login to rate with) first."""
    now = now or timezone.now()
    days = within_days if within_days is not None else policy_for(None).followup_window_days
    rated = Rating.objects.filter(case=OuterRef("pk"), closing_seq=OuterRef("close_count"))
    return (
        Case.objects.visible_to(user)
        .filter(state=State.CLOSED, closed_at__gte=now - dt.timedelta(days=days))
        .exclude(Exists(rated))
        .select_related("category", "node", "assigned_party")
        .order_by(F("reporter_user_id").asc(nulls_first=True), "closed_at", "id")
    )


def revisits_due(user, *, on=None):
    """Revisits not yet done and due by ``on`` (today), oldest first."""
    on = on or timezone.localdate()
    return (
        Revisit.objects.visible_to(user)
        .filter(done_at__isnull=True, due_on__lte=on)
        .select_related("case__category", "case__node")
        .order_by("due_on", "id")
    )


def public_figures(*, node, start, end) -> dict:
    """What the public portal shows of a subtree over [start, end): reports received, reports
    closed (and how many of those without an overdue step), follow-ups rated and satisfied.
    Counts only, over every case (no case is named). Three queries."""
    in_tree = Case.objects.filter(node__path__startswith=node.path)
    received = in_tree.filter(reported_at__gte=start, reported_at__lt=end).count()
    closed = in_tree.filter(state=State.CLOSED, closed_at__gte=start, closed_at__lt=end).aggregate(
        closed=Count("pk"), on_time=Count("pk", filter=Q(was_overdue=False))
    )
    ratings = Rating.objects.filter(
        case__node__path__startswith=node.path, created_at__gte=start, created_at__lt=end
    ).aggregate(rated=Count("pk"), satisfied=Count("pk", filter=Q(satisfied=True)))
    return {
        "received": received,
        **closed,
        **ratings,
        "on_time_rate": _rate(closed["on_time"], closed["closed"]),
        "satisfaction_rate": _rate(ratings["satisfied"], ratings["rated"]),
    }


def public_figures_by_node(*, nodes, start, end) -> dict[str, dict]:
    """``public_figures``' case counts for each of ``nodes`` (by code), counting the cases in
    each node's subtree, plus how many are open now. One query over the nodes' cases."""
    from gongzhi.cases.choices import OPEN_STATES

    nodes = list(nodes)
    out = {
        n.code: {"received": 0, "closed": 0, "on_time": 0, "open": 0, "on_time_rate": None}
        for n in nodes
    }
    if not nodes:
        return out
    by_path = {n.path: n.code for n in nodes}
    lengths = sorted({len(p) for p in by_path})
    q = Q()
    for path in by_path:
        q |= Q(node__path__startswith=path)
    rows = Case.objects.filter(q).values_list(
        "node__path", "state", "reported_at", "closed_at", "was_overdue"
    )
    for path, state, reported_at, closed_at, was_overdue in rows:
        for length in lengths:
            code = by_path.get(path[:length])
            if code is None:
                continue
            figures = out[code]
            if start <= reported_at < end:
                figures["received"] += 1
            if state == State.CLOSED and closed_at and start <= closed_at < end:
                figures["closed"] += 1
                figures["on_time"] += int(not was_overdue)
            if state in OPEN_STATES:
                figures["open"] += 1
    for figures in out.values():
        figures["on_time_rate"] = _rate(figures["on_time"], figures["closed"])
    return out
