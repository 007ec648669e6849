"""Open311 intake (POST) and list (GET, a page of 100) throughput under gunicorn with 2 workers,
each as a ratio to a bare Django JSON view served by the same server, with 1 thousand and
(``BENCH_LARGE=1``) 1 million existing cases.

The existing cases are written straight into the table with one INSERT … SELECT (a recursive
CTE on SQLite, generate_series on PostgreSQL): a district's year at a steady rate, newest
first, the last few days' cases still open and everything older closed — so that the big table
has a long history, not a bigger backlog. The load generator is a pool of Python threads on
the same machine, one new connection per request (gunicorn's sync workers close each one).

The queries intake and list run are EXPLAINed on the big table and printed, so that a scan
shows up here before it shows up in production.

    BENCH_LARGE=1 python -m bench open311
"""

from __future__ import annotations

import os
import random
import uuid
from urllib.parse import urlencode

from bench import ratio
from bench._server import BenchServer, throughput

CLIENTS = 8
POSTS = 240
GETS = 160
ROUNDS = 3
PER_DAY = 2740  # about a million a year: a district of 崇川's size
OPEN_DAYS = 5  # cases younger than this are still open (every other one)
LAT0, LON0, SPREAD = 32.005, 120.005, 0.09


def _world():
    from gongzhi.api.keys import apikey_create
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
    street = node_create(
        parent=district,
        level=Level.STREET,
        name="基准街道",
        code="B-S",
        boundary=square(120, 32, 0.5),
    )
    community = node_create(
        parent=street,
        level=Level.COMMUNITY,
        name="基准社区",
        code="B-S-C",
        boundary=square(120, 32, 0.2),
    )
    grid = node_create(
        parent=community,
        level=Level.GRID,
        name="第1网格",
        code="B-S-C-G1",
        boundary=square(120, 32, 0.1),
    )
    category = Category.objects.create(
        code="noise", name="噪音扰民", kind=CategoryKind.INCIDENT, responsible_force=Force.RESIDENTS
    )
    _key, plain = apikey_create(
        name="bench", node=district, permissions=["cases.report", "cases.view"]
    )
    return grid, category, plain


def _fill(count: int, start: int, grid, category) -> None:
    """Insert ``count`` cases numbered from ``start``: case n was reported n/PER_DAY days ago."""
    from django.db import connection

    columns = (
        "reference, description, lat, lon, address, channel, reporter_name, reporter_phone, "
        "reporter_email, is_anonymous, is_public, external_id, state, step, step_seq, "
        "was_overdue, routing, routing_text, rework_count, support_count, close_count, "
        "link_reason, resolution_note, reported_at, created_at, updated_at, version, node_id, "
        "category_id"
    )
    age = f"(n * 86400 / {PER_DAY})"  # seconds
    open_after = OPEN_DAYS * PER_DAY
    values = (
        "'BULK-' || n, '楼下夜里施工噪音 ' || n, "
        f"{LAT0} + ((n * 7919) % 10007) * {SPREAD} / 10007.0, "
        f"{LON0} + ((n * 104729) % 10009) * {SPREAD} / 10009.0, "
        "'', 'open311', '', '', '', {false}, {true}, '', "
        f"CASE WHEN n < {open_after} AND n % 2 = 0 THEN 'reported' ELSE 'closed' END, "
        "'', 0, {false}, '{{}}', '', 0, 0, 1, '', '', {when}, {when}, {when}, 1, "
        f"{grid.pk}, {category.pk}"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            when = f"now() - make_interval(secs => {age})"
            sql = (
                f"INSERT INTO cases_case ({columns}) SELECT "
                + values.format(false="false", true="true", when=when)
                + f" FROM generate_series({start}::bigint, {start + count - 1}) AS n"
            )
            cursor.execute(sql)
            cursor.execute("ANALYZE cases_case")
        else:
            when = f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || {age} || ' seconds')"
            sql = (
                f"WITH RECURSIVE seq(n) AS (SELECT {start} UNION ALL SELECT n + 1 FROM seq "
                f"WHERE n < {start + count - 1}) INSERT INTO cases_case ({columns}) SELECT "
                + values.format(false="0", true="1", when=when)
                + " FROM seq"
            )
            cursor.execute(sql)
            cursor.execute("ANALYZE")


def _post_requests(key: str, count: int, rng: random.Random) -> list:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    out = []
    for _ in range(count):
        body = urlencode(
            {
                "api_key": key,
                "service_code": "noise",
                "lat": f"{LAT0 + rng.random() * SPREAD:.6f}",
                "long": f"{LON0 + rng.random() * SPREAD:.6f}",
                "description": f"广场舞音响太吵 {uuid.uuid4().hex[:8]}",
            }
        ).encode()
        out.append(("POST", "/open311/v2/requests.json", body, headers))
    return out


def _bare_posts() -> list:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    return [("POST", "/bench/bare.json", b"a=1", form)] * POSTS


def _list_pages() -> list:
    return [("GET", "/open311/v2/requests.json?page_size=100", None, {})] * GETS


def _bare_gets() -> list:
    return [("GET", "/bench/bare.json", None, {})] * GETS


def _best_of_rounds(port, subject, baseline) -> tuple[float, float]:
    """Requests/s of both sides, best of ROUNDS alternating rounds (same background load)."""
    best = [0.0, 0.0]
    for _ in range(ROUNDS):
        for side, requests in enumerate((subject(), baseline())):
            best[side] = max(best[side], throughput(port, requests, CLIENTS))
    return best[0], best[1]


def _explain(grid, category) -> list[str]:
    """The plans of the queries intake and list run, on the current table."""
    from django.db import connection
    from django.utils import timezone

    from gongzhi.cases.models import Case
    from gongzhi.cases.selectors.duplicates import find_duplicates
    from gongzhi.open311 import selectors

    now = timezone.now()
    queries = {
        "idempotency lookup": Case.objects.filter(idempotency_key="open311:1:x"),
        "external_id lookup": Case.objects.filter(channel="open311", external_id="k:1").exclude(
            external_id=""
        ),
        "list page (public, 90 days)": selectors.readable_cases(None)
        .filter(reported_at__gte=now - timezone.timedelta(days=90), reported_at__lte=now)
        .order_by("-reported_at", "-id")[:100],
    }
    lines = []
    for label, qs in queries.items():
        plan = qs.explain()
        lines.append(f"   EXPLAIN {label}: {' | '.join(plan.splitlines())[:300]}")
    # The duplicate probe is built inside find_duplicates; capture its SQL by running it.
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        find_duplicates(category=category, text="噪音", lat=LAT0 + 0.04, lon=LON0 + 0.04, node=grid)
    probe = next(q["sql"] for q in ctx.captured_queries if '"cases_case"."lat" >=' in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute(
            ("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + probe
        )
        plan = " | ".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
    lines.append(f"   EXPLAIN duplicate probe: {plan[:300]}")
    return lines


def run():
    from gongzhi.cases.models import Case

    sizes = [1_000] + ([1_000_000] if os.environ.get("BENCH_LARGE") else [])
    grid, category, key = _world()
    rng = random.Random(1)
    rates = {}
    filled = 0
    for size in sizes:
        _fill(size - filled, filled, grid, category)
        filled = size
        yield f"{Case.objects.count():,} cases in the table"
        with BenchServer() as server:
            post, bare = _best_of_rounds(
                server.port, lambda: _post_requests(key, POSTS, rng), _bare_posts
            )
            yield f"Open311 POST: {post:,.0f} reports/s; bare view {bare:,.0f} requests/s"
            yield ratio(
                f"Open311 POST ({size:,} cases)", "bare Django JSON view", 1 / post, 1 / bare
            )
            get, bare = _best_of_rounds(server.port, _list_pages, _bare_gets)
            yield f"Open311 GET list (100 per page): {get:,.0f} pages/s; bare view {bare:,.0f} requests/s"
            yield ratio(
                f"Open311 GET list ({size:,} cases)", "bare Django JSON view", 1 / get, 1 / bare
            )
            rates[size] = (post, get)
        yield from _explain(grid, category)
    if len(rates) == 2:
        (post_s, get_s), (post_l, get_l) = rates[sizes[0]], rates[sizes[1]]
        yield ratio("Open311 POST at 1,000,000 cases", "at 1,000 cases", 1 / post_l, 1 / post_s)
        yield ratio("Open311 GET list at 1,000,000 cases", "at 1,000 cases", 1 / get_l, 1 / get_s)
