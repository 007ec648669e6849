"""Data for the case map (民情地图): points and counts per grid, in constant queries."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from gongzhi.cases import disclosure
from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import OPEN_STATES
from gongzhi.cases.models import Case
from gongzhi.org.access import subtree_q, user_scope
from gongzhi.org.models import Node


def case_map_points(
    user, *, category=None, states=None, since=None, until=None, now=None, limit=None
):
    """Visible cases with a location as plain dicts (one query), newest first; at most
    ``limit`` of them when given.

    The exact point is for whoever may see the case's original (``cases.view_original`` at its
    node); everyone else on the map (supervisors, auditors, handlers) gets the point the public
    gets, by the category's rule (``disclosure.public_point``). Points the rule hides are left
    off the map."""
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
    rows = qs.order_by("-reported_at", "-id").values(
        "reference",
        "lat",
        "lon",
        "state",
        "category__name",
        "category__public_precision",
        "step_deadline_at",
        "node__code",
        "node__path",
    )
    if limit is not None:
        rows = rows[:limit]
    scope = user_scope(user)
    exact_paths = None if scope.is_global else scope.paths_for(perms.VIEW_ORIGINAL)
    points = []
    for r in rows:
        if exact_paths is None or any(r["node__path"].startswith(p) for p in exact_paths):
            lat, lon = r["lat"], r["lon"]
        else:
            lat, lon = disclosure.public_point(r["category__public_precision"], r["lat"], r["lon"])
            if lat is None:
                continue
        points.append((r, lat, lon))
    return [
        {
            "reference": r["reference"],
            "lat": lat,
            "lon": lon,
            "state": r["state"],
            "category": r["category__name"],
            "grid": r["node__code"],
            "overdue": bool(
                r["state"] in OPEN_STATES and r["step_deadline_at"] and r["step_deadline_at"] < now
            ),
        }
        for r, lat, lon in points
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


def _filtered(user, *, category, states, since, until):
    qs = Case.objects.visible_to(user)
    if category is not None:
        qs = qs.filter(Q(category=category) | Q(category__parent=category))
    qs = qs.filter(state__in=list(states) if states else list(OPEN_STATES))
    if since is not None:
        qs = qs.filter(reported_at__gte=since)
    if until is not None:
        qs = qs.filter(reported_at__lt=until)
    return qs


def _grids_in_view(user, level):
    """Nodes of ``level`` with a boundary in the user's ``cases.view`` subtrees, or holding them
    (a microgrid worker sees their grid's outline)."""
    nodes = Node.objects.filter(level=level, boundary__isnull=False)
    scope = user_scope(user)
    if scope.is_global:
        return nodes
    paths = scope.paths_for(perms.VIEW)
    if not paths:
        return nodes.none()
    step = Node.steplen
    above = sorted({p[:i] for p in paths for i in range(step, len(p) + 1, step)})
    return nodes.filter(subtree_q("", paths) | Q(path__in=above))


def grid_choropleth(
    user, *, category=None, states=None, since=None, until=None, now=None, level: str = "grid"
) -> list[dict]:
    """For each node of ``level`` the user oversees: its boundary and how many of the matching
    cases (open ones unless ``states`` is given) lie in it and how many of those are overdue.

    Filters as ``case_map_points``. Two queries whatever the number of cases and grids.
    """
    now = now or timezone.now()
    nodes = list(
        _grids_in_view(user, level).only("id", "code", "name", "path", "depth", "boundary")
    )
    if not nodes:
        return []
    counts: dict[str, list[int]] = {n.path: [0, 0] for n in nodes}
    lengths = sorted({len(n.path) for n in nodes})
    rows = _filtered(user, category=category, states=states, since=since, until=until).values_list(
        "node__path", "state", "step_deadline_at"
    )
    for path, state, deadline in rows:
        for length in lengths:
            hit = counts.get(path[:length])
            if hit is not None:
                hit[0] += 1
                if state in OPEN_STATES and deadline is not None and deadline < now:
                    hit[1] += 1
                break
    return [
        {
            "code": n.code,
            "name": n.name,
            "boundary": n.boundary,
            "count": counts[n.path][0],
            "overdue": counts[n.path][1],
        }
        for n in sorted(nodes, key=lambda n: n.path)
    ]
