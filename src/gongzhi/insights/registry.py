"""The one registry of indicators (KPIs) and of the sources they are computed from.

A **source** is one windowed queryset of a domain app (cases reported, case events, ratings,
structures found…) with the aggregates computed over it in one query. A **KPI** names one or two
of those aggregates: a count or sum is one aggregate, a rate is a numerator over a denominator
(``None`` when the denominator is zero). The records behind a figure come from the KPI's
``records`` function, which returns the rows the aggregate counts.

Each domain app's KPIs are registered only when that app is installed (``apps.py`` calls
``register_installed``), so a deployment without, say, the volunteering app has no volunteering
figures rather than zeros. ``PLANNED`` lists the codes whose apps are not part of the platform
yet; they are never reported with a made-up value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

COUNT, SUM, RATE = "count", "sum", "rate"


@dataclass(frozen=True)
class Source:
    """A windowed queryset and its aggregates.

    ``queryset(path=…, start=…, end=…, **filters)``; for a point-in-time source
    (``at_moment``) ``queryset(path=…, moment=…, **filters)`` instead. ``path_lookup`` reaches
    the node's path (for grouping by child node), ``time_field`` the timestamp the month is
    taken from, ``category_lookup`` the case category's code (grouping by category).
    ``non_additive`` names aggregates that may not be summed over child nodes (distinct people).
    """

    key: str
    app: str
    queryset: Callable
    aggregates: Callable[[], dict]
    path_lookup: str
    time_field: str
    filters: frozenset = frozenset()
    category_lookup: str | None = None
    time_is_date: bool = False
    at_moment: bool = False
    non_additive: frozenset = frozenset()


@dataclass(frozen=True)
class Kpi:
    """One indicator: its code, Chinese name, unit, formula and how it is computed.

    ``records(window, part)`` returns the queryset of the records behind the figure: for a
    count or sum the rows counted (``part`` None); for a rate ``"num"`` (the numerator's rows),
    ``"den"`` (the denominator's) or ``"rest"`` (in the denominator, not in the numerator).
    ``amount`` names the field summed, for a sum.
    """

    code: str
    name: object
    unit: object
    kind: str
    source: str
    num: str
    formula: object
    records: Callable
    record_kind: str
    den: str | None = None
    amount: str | None = None
    group: str = ""
    order: int = 100
    filters: frozenset = field(default=frozenset())


SOURCES: dict[str, Source] = {}
KPIS: dict[str, Kpi] = {}

# Codes whose apps are not part of the platform yet. Their KPIs are registered by those apps
# (or here, guarded by ``apps.is_installed``) once they exist; until then they are absent from
# every answer, never zero. See docs/insights.md, "Indicators still to come".
PLANNED: dict[str, list[str]] = {}


def register_source(source: Source) -> None:
    SOURCES[source.key] = source


def register_kpi(kpi: Kpi) -> None:
    if kpi.source not in SOURCES:
        raise LookupError(f"KPI {kpi.code}: unknown source {kpi.source}")
    KPIS[kpi.code] = kpi


def kpis() -> list[Kpi]:
    """The registered KPIs in display order."""
    return sorted(KPIS.values(), key=lambda k: (k.order, k.code))


def get_kpi(code: str) -> Kpi | None:
    return KPIS.get(code)


def register_installed() -> None:
    """Register the KPIs of every installed domain app (called from ``AppConfig.ready``)."""
    from django.apps import apps

    from gongzhi.insights.kpis import (
        cases,
        charity,
        enforcement,
        participation,
        points,
        volunteering,
    )

    for app_label, module in [
        ("cases", cases),
        ("enforcement", enforcement),
        ("volunteering", volunteering),
        ("points", points),
        ("participation", participation),
        ("charity", charity),
    ]:
        if apps.is_installed(f"gongzhi.{app_label}"):
            module.register()
