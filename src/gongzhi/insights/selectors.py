"""Computing the registered KPIs: for a node's subtree and one or more months, optionally
split by child node or by case category, in one query (a UNION ALL of one aggregate query per
source).

``figures(node, period)`` is what the API, the cockpit and the briefing read; ``records`` gives
the rows behind one figure (the drill-down).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, DecimalField, Expression, F, Func, Value
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


class _Null(Expression):
    """A typed NULL for a column a UNION part does not compute, never grouped by."""

    def __init__(self, output_field):
        super().__init__(output_field=output_field)

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            return "NULL", []
        field = self.output_field
        kind = "numeric" if isinstance(field, DecimalField) else field.cast_db_type(connection)
        return f"NULL::{kind}", []

    def get_group_by_cols(self):
        return []


def _group_annotations(source, node, group, shape) -> dict:
    """The group columns of one part: ``group`` is how this part is split (None: not at all),
    ``shape`` how the whole query is (a category split has three group columns)."""
    if group == "child":
        length = (node.depth + 1) * Node.steplen
        return {"_group": Substr(source.path_lookup, 1, length)}
    if group == "category":
        base = source.category_lookup.removesuffix("code")
        return {
            "_group": F(source.category_lookup),
            "_gname": F(f"{base}name"),
            "_gforce": F(f"{base}responsible_force"),
        }
    nulls = {"_group": _Null(CharField())}
    if shape == "category":
        nulls.update(_gname=_Null(CharField()), _gforce=_Null(CharField()))
    return nulls


def _parts(tag, source, node, periods, *, group, filters, now, aggregates, moments):
    """The grouped querysets that compute ``source`` over ``periods``, before aggregation: one
    for a windowed source (by month when there are several periods), one per period asked for a
    point-in-time source. Every part carries the same keys in the same order — ``_src`` (which
    part), ``_month``, ``_group`` (and for categories ``_gname``, ``_gforce``) — so that parts
    of different sources can be read in one UNION ALL."""
    out = []
    if source.at_moment:
        chosen = periods if moments is None else [p for p in periods if p in moments]
        for period in chosen:
            qs = source.queryset(**_window(source, node, None, None, period.as_of(now), filters))
            out.append((tag, qs, Value(period.key), aggregates, group))
        return out
    start, end = periods[0].start, periods[-1].end
    qs = source.queryset(**_window(source, node, start, end, None, filters))
    if len(periods) > 1:
        month = LocalMonth(F(source.time_field), is_date=source.time_is_date)
    else:
        month = Value(periods[0].key)
    out.append((tag, qs, month, aggregates, group))
    return out


def _read(parts, node, group) -> list[tuple]:
    """Run ``parts`` (from ``_parts``) as one query: ``(tag, month key, row)`` for every group
    row. The parts' aggregates differ from source to source; each part fills the columns of the
    others with typed NULLs, all in one order (PostgreSQL matches UNION columns by position and
    pairwise, and an untyped NULL against an untyped NULL is text)."""
    if not parts:
        return []
    keyed, fields = [], {}
    for index, (tag, qs, month, aggregates, part_group) in enumerate(parts):
        keys = {"_src": Value(index), "_month": month}
        keys.update(_group_annotations(SOURCES[tag[0]], node, part_group, group))
        grouped = qs.order_by().annotate(**keys).values(*keys)
        resolved = grouped.annotate(**aggregates).query.annotations
        for name in aggregates:
            fields.setdefault(name, resolved[name].output_field)
        keyed.append((grouped, aggregates))
    queries = []
    for grouped, aggregates in keyed:
        columns = {
            name: aggregates[name] if name in aggregates else _Null(fields[name]) for name in fields
        }
        queries.append(grouped.annotate(**columns))
    combined = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    rows = []
    for row in combined:
        tag, _qs, _month, aggregates, _group = parts[row.pop("_src")]
        month = _month_key(row.pop("_month"))
        rows.append((tag, month, {k: v for k, v in row.items() if k in aggregates or k[0] == "_"}))
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
    without categories are left out). One query in all: every source's aggregate query (one
    per period for point-in-time sources, and the distinct counts a child split cannot sum)
    as a part of one UNION ALL.
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
    parts = []
    for key in dict.fromkeys(k.source for k in chosen):
        source = SOURCES[key]
        if group == "category" and source.category_lookup is None:
            continue
        common = {"filters": filters, "now": now, "moments": moments}
        parts += _parts(
            (key, "split"),
            source,
            node,
            periods,
            group=group,
            aggregates=source.aggregates(),
            **common,
        )
        if group and source.non_additive:
            # Distinct counts cannot be summed over the children: counted again, unsplit.
            aggregates = {n: a for n, a in source.aggregates().items() if n in source.non_additive}
            parts += _parts(
                (key, "total"),
                source,
                node,
                periods,
                group=None,
                aggregates=aggregates,
                **{**common, "moments": None},
            )
    totals = []
    for (key, kind), pkey, row in _read(parts, node, group):
        if pkey not in keys:
            continue
        if kind == "total":
            totals.append((key, pkey, row))
            continue
        source = SOURCES[key]
        gkey = row.pop("_group")
        gname, gforce = row.pop("_gname", None), row.pop("_gforce", None)
        if group == "category":
            result.labels[gkey] = (gname, gforce)
        if group == "child":
            gkey = gkey if gkey and len(gkey) > len(node.path) else SELF
        result.raw[(pkey, gkey, key)] = row
        if group:
            total = result.raw.setdefault((pkey, None, key), {})
            for name, value in row.items():
                if name not in source.non_additive:
                    total[name] = _number(total.get(name)) + _number(value)
    for key, pkey, row in totals:
        for name in ("_group", "_gname", "_gforce"):
            row.pop(name, None)
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
