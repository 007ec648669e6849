"""The cockpit of one node and month: the KPIs against last month and the same month last year,
12-month trends, the child nodes ranked, the split by force and by category, the map and the
overdue and escalated cases — in a fixed number of queries, whatever the amount of data."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from gongzhi.insights import charts
from gongzhi.insights.formatting import display
from gongzhi.insights.periods import Period
from gongzhi.insights.registry import KPIS, RATE, SOURCES, kpis
from gongzhi.insights.selectors import SELF, figures, kpi_value
from gongzhi.org.models import Node

TREND_CODES = [
    "cases_received",
    "cases_closed",
    "closed_on_time_rate",
    "satisfaction_rate",
    "structures_found",
    "volunteer_hours",
]
RANK_CODES = [
    "cases_received",
    "cases_closed",
    "closed_on_time_rate",
    "rework_rate",
    "satisfaction_rate",
    "overdue_open",
]
SPLIT_CODES = ["cases_received", "cases_closed", "closed_on_time_rate"]
LIST_LIMIT = 20


def _url(node, name, **params):
    from urllib.parse import urlencode

    query = urlencode({k: v for k, v in params.items() if v})
    return reverse(f"insights:{name}", args=[node.code]) + (f"?{query}" if query else "")


def drill_url(node, period, code, part=None, filters=None):
    from urllib.parse import urlencode

    query = {"period": period.key, "part": part, **(filters or {})}
    return (
        reverse("insights:records", args=[node.code, code])
        + "?"
        + urlencode({k: v for k, v in query.items() if v})
    )


def cockpit(
    node: Node, period: Period, *, map_kpi: str = "closed_on_time_rate", filters=None, now=None
):
    now = now or timezone.now()
    filters = filters or {}
    months = [period.shift(-i) for i in range(12, -1, -1)]
    f = figures(
        node,
        months,
        group="child",
        now=now,
        moments=[period],
        filters=filters,
    )  # every registered KPI: thirteen months by child node are one query
    children = list(
        Node.objects.filter(path__startswith=node.path, depth=node.depth + 1)
        .only("id", "code", "name", "path", "depth", "boundary", "level")
        .order_by("path")
    )
    rows = []
    for kpi in (k for k in kpis() if k.code in f.codes):
        now_v = f.value(kpi.code, period)
        prev = f.value(kpi.code, period.previous())
        last_year = f.value(kpi.code, period.last_year())
        # A state at the month's end (overdue cases, tasks, councils due) is read for the month
        # itself only.
        point = SOURCES[kpi.source].at_moment
        rows.append(
            {
                "kpi": kpi,
                "value": display(kpi, now_v),
                "raw": now_v,
                "previous": "" if point else display(kpi, prev),
                "last_year": "" if point else display(kpi, last_year),
                "up": None
                if point or now_v is None or prev is None or now_v == prev
                else now_v > prev,
                "url": drill_url(
                    node, period, kpi.code, "num" if kpi.kind == RATE else None, filters
                ),
                "rest_url": drill_url(node, period, kpi.code, "rest", filters)
                if kpi.kind == RATE
                else "",
            }
        )
    trends = [
        {
            "kpi": KPIS[code],
            "svg": charts.svg_trend(
                [{"period": m.key, "value": f.value(code, m)} for m in months[1:]],
                label=str(KPIS[code].name),
                percent=KPIS[code].kind == RATE,
            ),
        }
        for code in TREND_CODES
        if code in f.codes
    ]
    ranking = []
    for child in children:
        cells = []
        for code in RANK_CODES:
            if code not in f.codes:
                continue
            value = f.value(code, period, child.path)
            kpi = KPIS[code]
            cells.append(
                {
                    "code": code,
                    "text": display(kpi, value),
                    "value": value,
                    "url": drill_url(
                        child, period, code, "rest" if kpi.kind == RATE else None, filters
                    ),
                }
            )
        ranking.append(
            {"node": child, "cells": cells, "cockpit": _url(child, "cockpit", period=period.key)}
        )
    key = "closed_on_time_rate"
    ranking.sort(
        key=lambda r: (
            next((c["value"] for c in r["cells"] if c["code"] == key), None) is None,
            -(next((c["value"] for c in r["cells"] if c["code"] == key), 0) or 0),
            r["node"].path,
        )
    )
    map_code = map_kpi if map_kpi in KPIS else key
    areas = [
        {
            "name": c.name,
            "boundary": c.boundary,
            "value": f.value(map_code, period, c.path),
            "link": _url(c, "cockpit", period=period.key, kpi=map_code),
        }
        for c in children
    ]
    rank_svg = (
        charts.svg_ranking(
            [(r["node"].name, f.value(key, period, r["node"].path), r["cockpit"]) for r in ranking]
        )
        if key in KPIS and ranking
        else ""
    )
    split = _split(node, period, now) if not filters else {"by_category": [], "by_force": []}
    return {
        "node": node,
        "period": period,
        "previous": period.previous(),
        "last_year": period.last_year(),
        "as_of": f.as_of,
        "rows": rows,
        "trends": trends,
        "ranking": ranking,
        "rank_codes": [KPIS[c] for c in RANK_CODES if c in f.codes],
        "filters": filters,
        "rank_svg": rank_svg,
        "map_svg": charts.svg_map(areas, percent=KPIS[map_code].kind == RATE)
        if map_code in KPIS
        else "",
        "map_kpi": KPIS.get(map_code),
        "has_self": any(g == SELF for g in f.groups()),
        **split,
        "attention": _attention(node, period, now),
    }


def _split(node, period, now):
    codes = [c for c in SPLIT_CODES if c in KPIS]
    if not codes:
        return {"by_category": [], "by_force": []}
    f = figures(node, period, group="category", codes=codes, now=now)
    by_force: dict[str, dict] = defaultdict(dict)
    categories = []
    for code in f.groups():
        name, force = f.labels.get(code, (code, ""))
        categories.append(
            {
                "code": code,
                "name": name,
                "values": [display(KPIS[c], f.value(c, period, code)) for c in codes],
            }
        )
        for source in {KPIS[c].source for c in codes}:
            row = f.raw.get((period.key, code, source)) or {}
            bucket = by_force[force].setdefault(source, {})
            for agg, value in row.items():
                bucket[agg] = (bucket.get(agg) or 0) + (value or 0)
    from gongzhi.org.choices import Force

    forces = []
    for force, sources in sorted(by_force.items()):
        forces.append(
            {
                "code": force,
                "name": Force(force).label if force in Force.values else force,
                "values": [
                    display(KPIS[c], kpi_value(KPIS[c], sources.get(KPIS[c].source, {})))
                    for c in codes
                ],
            }
        )
    return {"split_codes": [KPIS[c] for c in codes], "by_category": categories, "by_force": forces}


def _attention(node, period, now):
    """Cases open and overdue now, or escalated in the month (one query)."""
    if "overdue_open" not in KPIS:
        return []
    from gongzhi.cases.models import Case

    moment = period.as_of(now)
    escalated = Q(
        supervisions__created_at__gte=period.start, supervisions__created_at__lt=period.end
    )
    return list(
        Case.objects.in_subtree(node)
        .filter(Q(pk__in=Case.objects.overdue(moment).in_subtree(node).values("pk")) | escalated)
        .select_related("category", "node")
        .distinct()
        .order_by("step_deadline_at", "pk")[:LIST_LIMIT]
    )
