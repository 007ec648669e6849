"""Computing the registered KPIs: for a node's subtree and one or more months, optionally
split by child node or by case category, in one aggregate query per source.

``figures(node, period)`` is what the API, the cockpit and the briefing read; ``records`` gives
the rows behind one figure (the drill-down).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, F, Func
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from gongzhi.insights.periods import Period
from gongzhi.insights.registry import COUNT, RATE, SOURCES, SUM, Kpi, Source, kpis
from gongzhi.org.models import Node

SELF = ""  # the group key of records placed on the node itself, not in any child


@dataclass
class Figures:
    """Raw aggregates per (period key, group key) and source, with the KPI values read off."""

    node: Node
    periods: list[Period]
    group: str | None
    as_of: object
    raw: dict = field(default_factory=lambda: defaultdict(dict))
    codes: list[str] = field(default_factory=list)
    labels: dict = field(default_factory=dict)  # category code → (name, force)

    def value(self, code: str, period: Period | None = None, group: str | None = None):
        from gongzhi.insights.registry import KPIS

        kpi = KPIS[code]
        period = period or self.periods[-1]
        row = self.raw.get((period.key, group, kpi.source))
        return kpi_value(kpi, row or {})

    def values(self, period: Period | None = None, group: str | None = None) -> dict:
        return {code: self.value(code, period, group) for code in self.codes}

    def groups(self) -> list[str]:
        return sorted({g for (_, g, _) in self.raw if g is not None})


def _number(value):
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return float(value)
    return value


def kpi_value(kpi: Kpi, row: dict):
    """A KPI's value from its source's aggregates: counts and sums as numbers, rates as a share
    rounded to 4 places (``None`` when the denominator is zero)."""
    num = _number(row.get(kpi.num))
    if kpi.kind == RATE:
        den = _number(row.get(kpi.den))
        return round(num / den, 4) if den else None
    if kpi.kind == SUM:
        return num if isinstance(num, int) else round(float(num), 2)
    return int(num)


def applicable(kpi: Kpi, filters: dict) -> bool:
    """A KPI answers only the filters its source understands (a force filter has no meaning
    for volunteer hours)."""
    return all(name in kpi.filters for name, value in filters.items() if value)


class LocalMonth(Func):
    """'YYYY-MM' of a timestamp in the platform's time zone, computed in the database (SQLite's
    TruncMonth calls back into Python for every row; this stays in SQL)."""

    output_field = CharField()

    def __init__(self, expression, *, is_date=False):
        super().__init__(expression)
        self.is_date = is_date

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if self.is_date:
            return f"strftime('%%Y-%%m', {sql})", params
        minutes = _fixed_offset_minutes()
        if minutes is None:  # a zone with daylight saving: let Django convert row by row
            trunc = TruncMonth(self.source_expressions[0], tzinfo=timezone.get_current_timezone())
            return compiler.compile(trunc)
        return f"strftime('%%Y-%%m', {sql}, '{minutes:+d} minutes')", params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if self.is_date:
            return f"to_char({sql}, 'YYYY-MM')", params
        zone = timezone.get_current_timezone_name()
        return f"to_char(({sql}) AT TIME ZONE %s, 'YYYY-MM')", [*params, zone]

    def as_sql(self, compiler, connection, **extra):
        trunc = (
            TruncMonth(self.source_expressions[0])
            if self.is_date
            else TruncMonth(self.source_expressions[0], tzinfo=timezone.get_current_timezone())
        )
        return compiler.compile(trunc)


def _fixed_offset_minutes():
    """The zone's UTC offset in minutes when it has no daylight saving (Asia/Shanghai)."""
    import datetime as dt

    zone = timezone.get_current_timezone()
    offsets = {zone.utcoffset(dt.datetime(2020, month, 1)) for month in (1, 4, 7, 10)}
    if len(offsets) != 1:
        return None
    return int(offsets.pop().total_seconds() // 60)


def _month_key(value) -> str:
    if isinstance(value, str):
        return value[:7]
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.year:04d}-{value.month:02d}"


def _window(source: Source, node: Node, start, end, moment, filters: dict) -> dict:
    kwargs = {"path": node.path}
    if source.at_moment:
        kwargs["moment"] = moment
    else:
        kwargs.update(start=start, end=end)
    kwargs.update({k: v for k, v in filters.items() if k in source.filters and v})
    return kwargs


def _run(source, node, periods, *, group, filters, now, aggregates=None, moments=None):
    """One aggregate query of ``source`` over ``periods`` (several periods: by month)."""
    aggregates = aggregates or source.aggregates()
    rows = []
    if source.at_moment:
        # A state at a moment: one query per period, so callers may ask for fewer moments.
        for period in periods if moments is None else [p for p in periods if p in moments]:
            qs = source.queryset(**_window(source, node, None, None, period.as_of(now), filters))
            rows += [(period.key, r) for r in _grouped(qs, source, node, group, aggregates)]
        return rows
    start, end = periods[0].start, periods[-1].end
    qs = source.queryset(**_window(source, node, start, end, None, filters))
    if len(periods) > 1:
        qs = qs.annotate(_month=LocalMonth(F(source.time_field), is_date=source.time_is_date))
        for r in _grouped(qs, source, node, group, aggregates, extra=("_month",)):
            rows.append((_month_key(r.pop("_month")), r))
    else:
        rows = [(periods[0].key, r) for r in _grouped(qs, source, node, group, aggregates)]
    return rows


def _grouped(qs, source, node, group, aggregates, extra=()):
    keys = list(extra)
    if group == "child":
        length = (node.depth + 1) * Node.steplen
        qs = qs.annotate(_group=Substr(source.path_lookup, 1, length))
        keys.append("_group")
    elif group == "category":
        base = source.category_lookup.removesuffix("code")
        qs = qs.annotate(
            _group=F(source.category_lookup),
            _gname=F(f"{base}name"),
            _gforce=F(f"{base}responsible_force"),
        )
        keys += ["_group", "_gname", "_gforce"]
    if keys:
        rows = list(qs.order_by().values(*keys).annotate(**aggregates))
    else:
        rows = [qs.order_by().aggregate(**aggregates)]
    for row in rows:
        row.setdefault("_group", None)
    return rows


def figures(
    node: Node,
    periods: Period | list[Period],
    *,
    filters: dict | None = None,
    group: str | None = None,
    codes: list[str] | None = None,
    now=None,
    moments: list[Period] | None = None,
) -> Figures:
    """The KPIs for ``node``'s subtree over ``periods`` (contiguous months, oldest first).

    ``group``: None (the node as a whole), ``"child"`` (keyed by the child's path; the node
    total under group None as well) or ``"category"`` (keyed by case category code; sources
    without categories are left out). One query per source (per period for point-in-time
    sources), plus one for the distinct counts a child split cannot sum.
    """
    if isinstance(periods, Period):
        periods = [periods]
    filters = {k: v for k, v in (filters or {}).items() if v}
    now = now or timezone.now()
    chosen = [k for k in kpis() if applicable(k, filters) and (codes is None or k.code in codes)]
    result = Figures(
        node=node,
        periods=periods,
        group=group,
        as_of=periods[-1].as_of(now),
        codes=[k.code for k in chosen],
    )
    keys = {p.key for p in periods}
    for key in dict.fromkeys(k.source for k in chosen):
        source = SOURCES[key]
        if group == "category" and source.category_lookup is None:
            continue
        rows = _run(source, node, periods, group=group, filters=filters, now=now, moments=moments)
        for pkey, row in rows:
            if pkey not in keys:
                continue
            gkey = row.pop("_group")
            if "_gname" in row:
                result.labels[gkey] = (row.pop("_gname"), row.pop("_gforce"))
            if group == "child":
                gkey = gkey if gkey and len(gkey) > len(node.path) else SELF
            result.raw[(pkey, gkey, key)] = row
            if group:
                total = result.raw.setdefault((pkey, None, key), {})
                for name, value in row.items():
                    if name not in source.non_additive:
                        total[name] = _number(total.get(name)) + _number(value)
        if group and source.non_additive:
            aggregates = {n: a for n, a in source.aggregates().items() if n in source.non_additive}
            for pkey, row in _run(
                source, node, periods, group=None, filters=filters, now=now, aggregates=aggregates
            ):
                row.pop("_group", None)
                result.raw.setdefault((pkey, None, key), {}).update(row)
    return result


def kpi_window(node: Node, period: Period, filters: dict | None = None, now=None) -> dict:
    """The window a KPI's ``records`` function reads."""
    return {
        "path": node.path,
        "start": period.start,
        "end": period.end,
        "moment": period.as_of(now),
        **{k: v for k, v in (filters or {}).items() if v},
    }


def records(kpi: Kpi, node: Node, period: Period, *, part=None, filters=None, now=None):
    """The queryset of the records behind ``kpi`` for ``node`` and ``period`` (a rate's
    numerator unless ``part`` says ``"den"`` or ``"rest"``)."""
    window = kpi_window(node, period, filters, now)
    if kpi.kind == RATE:
        return kpi.records(window, part or "num")
    return kpi.records(window, None)


__all__ = ["COUNT", "RATE", "SUM", "Figures", "figures", "kpi_value", "records"]
