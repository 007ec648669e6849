"""Data for the case map (民情地图): points and counts per grid, in constant queries."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from gongzhi.cases.choices import OPEN_STATES
from gongzhi.cases.models import Case
from gongzhi.org.models import Node


def case_map_points(user, *, category=None, states=None, since=None, until=None, now=None):
    """Visible cases with a location as plain dicts (one query)."""
    now = now or timezone.now()
    qs = Case.objects.visible_to(user).filter(lat__isnull=False)
    if category is not None:
        qs = qs.filter(Q(category=category) | Q(category__parent=category))
    if states:
        qs = qs.filter(state__in=list(states))
    if since is not None:
        qs = qs.filter(reported_at__gte=since)
    if until is not None:
        qs = qs.filter(reported_at__lt=until)
    rows = qs.values(
        "reference", "lat", "lon", "state", "category__name", "step_deadline_at", "node__code"
    )
    return [
        {
            "reference": r["reference"],
            "lat": r["lat"],
            "lon": r["lon"],
            "state": r["state"],
            "category": r["category__name"],
            "grid": r["node__code"],
            "overdue": bool(
                r["state"] in OPEN_STATES and r["step_deadline_at"] and r["step_deadline_at"] < now
            ),
        }
        for r in rows
    ]


def case_counts_by_node(user, *, level: str = "grid", within=None, now=None) -> list[dict]:
    """Open and overdue cases per node of ``level`` (counting cases in each node's subtree),
    for the choropleth (two queries)."""
    now = now or timezone.now()
    nodes = Node.objects.filter(level=level)
    if within is not None:
        nodes = nodes.filter(path__startswith=within.path)
    nodes = list(nodes.order_by("path"))
    if not nodes:
        return []
    steplen = Node.steplen
    depth = nodes[0].depth
    rows = (
        Case.objects.visible_to(user)
        .open()
        .filter(node__depth__gte=depth)
        .values("node__path", "step_deadline_at")
    )
    counts: dict[str, list[int]] = {n.path: [0, 0] for n in nodes}
    for row in rows:
        key = row["node__path"][: depth * steplen]
        if key in counts:
            counts[key][0] += 1
            if row["step_deadline_at"] and row["step_deadline_at"] < now:
                counts[key][1] += 1
    return [
        {"code": n.code, "name": n.name, "open": counts[n.path][0], "overdue": counts[n.path][1]}
        for n in nodes
    ]
