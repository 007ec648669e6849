"""The KPI set of one node and month, and the monthly briefing, each as a ratio to the bare
GROUP BY queries that compute the same numbers, with 10 thousand and (``BENCH_LARGE=1``)
1 million cases over the last year.

The cases, their timeline events (report, acceptance, rework, closing with its on-time flag
and the step deadlines), the ratings and a few escalations are written straight into the tables
with INSERT … SELECT (a recursive CTE on SQLite, generate_series on PostgreSQL), spread over
twenty grids of one district. The bare side is hand-written SQL for the case tables — the same
definitions, one statement per table, with no ORM, no registry and no Python after the fetch —
and the ORM's own compiled SQL, executed raw, for the small tables (enforcement, volunteering,
points), which stay empty here. The briefing's bare side is the same statements grouped by
month over thirteen months and by child node for the month.

    BENCH_LARGE=1 python -m bench insights
"""

from __future__ import annotations

import os

from bench import compare, ratio, required_defaults

PER_DAY_OF = 365  # cases are spread over the last year
GRIDS = 20


def _world():
    from gongzhi.cases.choices import CategoryKind
    from gongzhi.cases.models import Category
    from gongzhi.org.choices import Force, Level
    from gongzhi.org.services import node_create

    def square(lon, lat, size):
        ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size]]
        return {"type": "Polygon", "coordinates": [ring + [[lon, lat]]]}

    district = node_create(
        parent=None, level=Level.DISTRICT, name="基准区", code="B", boundary=square(120, 32, 1)
    )
    grids = []
    for s in range(2):
        street = node_create(
            parent=district,
            level=Level.STREET,
            name=f"街道{s}",
            code=f"B-{s}",
            boundary=square(120 + s * 0.5, 32, 0.5),
        )
        for c in range(2):
            community = node_create(
                parent=street,
                level=Level.COMMUNITY,
                name=f"社区{s}{c}",
                code=f"B-{s}-{c}",
                boundary=square(120 + s * 0.5 + c * 0.25, 32, 0.25),
            )
            for g in range(GRIDS // 4):
                grids.append(
                    node_create(
                        parent=community,
                        level=Level.GRID,
                        name=f"网格{s}{c}{g}",
                        code=f"B-{s}-{c}-{g}",
                        boundary=square(120 + s * 0.5 + c * 0.25 + g * 0.05, 32, 0.05),
                    )
                )
    category = Category.objects.create(
        code="noise", name="噪音扰民", kind=CategoryKind.INCIDENT, responsible_force=Force.RESIDENTS
    )
    return district, grids, category


def _sql(pg: bool) -> dict:
    """Dialect pieces: a time ``t`` plus ``h`` hours, epoch seconds of ``t``, JSON building."""
    if pg:
        return {
            "plus": lambda t, h: f"({t} + make_interval(secs => ({h}) * 3600))",
            "epoch": lambda t: f"extract(epoch from {t})::bigint",
            "json": "json_build_object",
            "jtrue": "true",
            "jfalse": "false",
            "true": "true",
            "false": "false",
            "series": lambda a, b: f"generate_series({a}::bigint, {b}) AS n",
            "with": "",
        }
    return {
        "plus": lambda t, h: f"strftime('%Y-%m-%d %H:%M:%f', {t}, '+' || ({h}) || ' hours')",
        "epoch": lambda t: f"CAST(strftime('%s', {t}) AS integer)",
        "json": "json_object",
        "jtrue": "json('true')",
        "jfalse": "json('false')",
        "true": "1",
        "false": "0",
        "series": lambda a, b: "seq",
        "with": "",
    }


def _fill(count, start, grids, category):
    """Insert ``count`` cases (numbered from ``start``) and their events, ratings, escalations."""
    from django.db import connection

    pg = connection.vendor == "postgresql"
    d = _sql(pg)
    grid_ids = [g.pk for g in grids]
    node_case = (
        "CASE "
        + " ".join(f"WHEN n % {len(grid_ids)} = {i} THEN {pk}" for i, pk in enumerate(grid_ids))
        + " END"
    )
    age = f"(n * 86400.0 * {PER_DAY_OF} / {max(count + start, 1)})"
    when = (
        f"now() - make_interval(secs => {age})"
        if pg
        else f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || {age} || ' seconds')"
    )
    columns = (
        "reference, description, address, channel, reporter_name, reporter_phone, "
        "reporter_email, is_anonymous, is_public, external_id, state, step, step_seq, "
        "was_overdue, routing, routing_text, rework_count, support_count, close_count, "
        "link_reason, resolution_note, reported_at, created_at, updated_at, version, node_id, "
        "category_id"
    )
    values = (
        f"'BI-' || n, 'bench', '', 'staff', '', '', '', {d['false']}, {d['false']}, '', "
        "CASE WHEN n % 10 < 7 THEN 'closed' WHEN n % 10 < 9 THEN 'accepted' ELSE 'reported' END, "
        f"'', 1, CASE WHEN n % 10 = 3 THEN {d['true']} ELSE {d['false']} END, '{{}}', '', "
        "CASE WHEN n % 20 = 1 THEN 1 ELSE 0 END, 0, CASE WHEN n % 10 < 7 THEN 1 ELSE 0 END, "
        f"'', '', {when}, {when}, {when}, 1, {node_case}, {category.pk}"
    )
    from gongzhi.cases.models import Case

    for column, literal in required_defaults(
        Case, columns, true=d["true"], false=d["false"], empty_json="'{}'"
    ):
        columns += f", {column}"
        values += f", {literal}"
    last = start + count - 1
    with connection.cursor() as cursor:
        if pg:
            source = f"FROM {d['series'](start, last)}"
            prefix = ""
        else:
            prefix = (
                f"WITH RECURSIVE seq(n) AS (SELECT {start} UNION ALL SELECT n + 1 FROM seq "
                f"WHERE n < {last}) "
            )
            source = "FROM seq"
        cursor.execute(f"{prefix}INSERT INTO cases_case ({columns}) SELECT {values} {source}")
        ref_n = "CAST(substr(reference, 4) AS integer)" if not pg else "substr(reference, 4)::int"
        mine = f"reference LIKE 'BI-%' AND {ref_n} BETWEEN {start} AND {last}"
        ev_cols = "case_id, action, from_state, to_state, public, note, data, created_at"

        def events(action, to_state, hours, data, where):
            created = d["plus"]("reported_at", hours)
            cursor.execute(
                f"INSERT INTO cases_caseevent ({ev_cols}) SELECT id, '{action}', '', "
                f"'{to_state}', {d['true']}, '', {data}, {created} FROM cases_case "
                f"WHERE {mine} AND {where}"
            )

        deadline = lambda h: f"{d['json']}('deadline_ts', {d['epoch']('reported_at')} + {h} * 3600)"  # noqa: E731
        events("report", "reported", 0, deadline(2), "1 = 1")
        events("accept", "accepted", 1, deadline(49), f"{ref_n} % 10 < 9")
        events("verify_fail", "rework", 30, deadline(80), f"{ref_n} % 20 = 1")
        events(
            "verify_pass",
            "closed",
            48,
            f"{d['json']}('on_time', CASE WHEN {ref_n} % 10 = 3 THEN {d['jfalse']} "
            f"ELSE {d['jtrue']} END)",
            f"{ref_n} % 10 < 7",
        )
        cursor.execute(
            "INSERT INTO cases_rating (case_id, closing_seq, contacted, solved, satisfied, "
            "comment, channel, outcome, created_at) SELECT id, 1, "
            f"CASE WHEN {ref_n} % 7 = 0 THEN {d['false']} ELSE {d['true']} END, "
            f"CASE WHEN {ref_n} % 5 = 0 THEN {d['false']} ELSE {d['true']} END, "
            f"CASE WHEN {ref_n} % 6 = 0 THEN {d['false']} ELSE {d['true']} END, '', 'phone', '', "
            f"{d['plus']('reported_at', 72)} FROM cases_case WHERE {mine} AND {ref_n} % 10 < 5"
        )
        cursor.execute(
            "INSERT INTO cases_supervision (case_id, step, step_seq, level, node_id, deadline_at, "
            f"notified_count, created_at) SELECT id, 'handle', 1, 1, node_id, reported_at, 0, "
            f"{d['plus']('reported_at', 60)} FROM cases_case WHERE {mine} AND {ref_n} % 50 = 7"
        )
        cursor.execute("ANALYZE" if not pg else "ANALYZE cases_case")
        if pg:
            for table in ("cases_caseevent", "cases_rating", "cases_supervision"):
                cursor.execute(f"ANALYZE {table}")


def _bare_statements(node, period, *, by_month=False, months=None, by_child=False):
    """Hand-written SQL for the case tables' numbers (and the ORM's compiled SQL for the small
    tables), as (sql, params) pairs."""
    from django.db import connection

    from gongzhi.insights.registry import SOURCES
    from gongzhi.insights.selectors import _window

    pg = connection.vendor == "postgresql"
    start, end = (months[0].start, months[-1].end) if by_month else (period.start, period.end)

    def month(col):
        if pg:
            return f"date_trunc('month', {col} AT TIME ZONE 'Asia/Shanghai')"
        return f"strftime('%Y-%m', datetime({col}, '+8 hours'))"

    child_len = (node.depth + 1) * 4
    sel, grp = [], []
    if by_month:
        sel.append("{m} AS m")
        grp.append("m")
    if by_child:
        sel.append(f"substr(n.path, 1, {child_len}) AS g")
        grp.append("g")
    head = (", ".join(sel) + ", ") if sel else ""
    group = (" GROUP BY " + ", ".join(grp)) if grp else ""
    true = "true" if pg else "1"
    on_time = "(e.data ->> 'on_time')::boolean" if pg else "json_extract(e.data, '$.on_time')"
    out = [
        (
            f"SELECT {head.format(m=month('c.reported_at'))}COUNT(*) FROM cases_case c "
            "JOIN org_node n ON n.id = c.node_id WHERE n.path LIKE %s AND c.reported_at >= %s "
            f"AND c.reported_at < %s{group}",
            [node.path + "%", start, end],
        ),
        (
            f"SELECT {head.format(m=month('e.created_at'))}"
            "COUNT(DISTINCT CASE WHEN e.action = 'accept' THEN e.case_id END), "
            "COUNT(DISTINCT CASE WHEN e.action = 'verify_pass' THEN e.case_id END), "
            f"COUNT(DISTINCT CASE WHEN e.action = 'verify_pass' AND {on_time} = {true} "
            "THEN e.case_id END), "
            "COUNT(DISTINCT CASE WHEN e.action = 'verify_pass' AND EXISTS (SELECT 1 FROM "
            "cases_caseevent r WHERE r.case_id = e.case_id AND r.action IN ('verify_fail', "
            "'reopen') AND r.created_at < e.created_at) THEN e.case_id END) "
            "FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id "
            "JOIN org_node n ON n.id = c.node_id WHERE n.path LIKE %s AND e.created_at >= %s "
            f"AND e.created_at < %s{group}",
            [node.path + "%", start, end],
        ),
        (
            f"SELECT {head.format(m=month('r.created_at'))}COUNT(*), "
            f"SUM(CASE WHEN r.contacted THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN r.solved THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN r.satisfied THEN 1 ELSE 0 END) FROM cases_rating r "
            "JOIN cases_case c ON c.id = r.case_id JOIN org_node n ON n.id = c.node_id "
            f"WHERE n.path LIKE %s AND r.created_at >= %s AND r.created_at < %s{group}",
            [node.path + "%", start, end],
        ),
        (
            f"SELECT {head.format(m=month('s.created_at'))}COUNT(DISTINCT s.case_id) "
            "FROM cases_supervision s JOIN cases_case c ON c.id = s.case_id "
            "JOIN org_node n ON n.id = c.node_id WHERE n.path LIKE %s AND s.created_at >= %s "
            f"AND s.created_at < %s{group}",
            [node.path + "%", start, end],
        ),
    ]
    moment = period.as_of()
    deadline = (
        "(l.data ->> 'deadline_ts')::bigint" if pg else "json_extract(l.data, '$.deadline_ts')"
    )
    child_head = f"substr(n.path, 1, {child_len}) AS g, " if by_child else ""
    out.append(
        (
            f"SELECT {child_head}COUNT(*) FROM cases_case c JOIN org_node n ON n.id = c.node_id "
            "WHERE n.path LIKE %s AND c.reported_at <= %s AND EXISTS (SELECT 1 FROM "
            "cases_caseevent l WHERE l.id = (SELECT x.id FROM cases_caseevent x WHERE "
            "x.case_id = c.id AND x.created_at <= %s AND x.to_state <> '' ORDER BY "
            "x.created_at DESC, x.id DESC LIMIT 1) AND l.to_state IN ('reported', 'accepted', "
            "'dispatched', 'handling', 'returned', 'resolved', 'rework', 'parked') AND "
            f"{deadline} < %s)" + (" GROUP BY g" if by_child else ""),
            [node.path + "%", moment, moment, int(moment.timestamp())],
        )
    )
    for key, source in SOURCES.items():
        if key.startswith("cases."):
            continue
        qs = source.queryset(**_window(source, node, start, end, moment, {}))
        sql, params = qs.order_by().values("pk").query.sql_with_params()
        out.append((f"SELECT COUNT(*) FROM ({sql}) q", list(params)))
    return out


def _run_bare(statements):
    from django.db import connection

    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()


def run():
    from gongzhi.cases.models import Case, CaseEvent
    from gongzhi.insights.briefing.builder import build
    from gongzhi.insights.periods import current_period
    from gongzhi.insights.selectors import figures

    sizes = [10_000] + ([1_000_000] if os.environ.get("BENCH_LARGE") else [])
    district, grids, category = _world()
    period = current_period().previous()
    months = [period.shift(-i) for i in range(12, -1, -1)]
    filled = 0
    for size in sizes:
        _fill(size - filled, filled, grids, category)
        filled = size
        yield f"{Case.objects.count():,} cases, {CaseEvent.objects.count():,} events"
        values = figures(district, period).values()
        yield (
            f"   {period}: received {values['cases_received']:,}, closed "
            f"{values['cases_closed']:,}, on time {values['closed_on_time_rate']}, "
            f"overdue at the end {values['overdue_open']:,}"
        )
        bare = _bare_statements(district, period)
        cost, base = compare(
            lambda: figures(district, period), lambda b=bare: _run_bare(b), repeat=3
        )
        yield ratio(
            f"KPI set, one node-month ({size:,} cases)", "bare GROUP BY queries", cost, base
        )
        bare_b = _bare_statements(district, period, by_month=True, months=months) + (
            _bare_statements(district, period, by_child=True)
        )
        cost, base = compare(
            lambda: build(district, period), lambda b=bare_b: _run_bare(b), repeat=3
        )
        yield ratio(f"briefing ({size:,} cases)", "its bare GROUP BY queries", cost, base)
