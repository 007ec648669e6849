"""The hot paths of report intake and lists under gunicorn with 2 workers, each as a ratio to a
bare Django JSON view served by the same server, with 1 thousand and 1 million existing cases.

Paths: Open311 POST requests.json (a report with a point), Open311 GET requests.json (a page of
100), the platform API's POST /api/cases and GET /api/cases (a page of 100), all with an API
key. Each is measured against the bare view in alternating rounds (subject, bare, subject,
bare…); each round gives one ratio, and the median of the rounds is reported, so that a burst
of background load moves one round, not the result. The queries each path runs are counted
in-process (Django's test client on the same database) after one warm-up request.

The existing cases are written straight into the table with one INSERT … SELECT (a recursive
CTE on SQLite, generate_series on PostgreSQL): a district's year at a steady rate, newest
first, the last few days' cases still open and everything older closed — so that the big table
has a long history, not a bigger backlog. The load generator is a pool of Python threads on
the same machine, one new connection per request (gunicorn's sync workers close each one).

With the small table the Open311 POST is also measured with persistent database connections
turned off (``CONN_MAX_AGE=0``) and, on PostgreSQL when psycopg_pool is installed, with
psycopg's pool (``DATABASE_POOL=1``): what the connection settings are worth, measured.

The queries intake and list run are EXPLAINed after each size and printed.

    BENCH_SIZES=1000 python -m bench hotpaths      # the small table only
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import uuid
from urllib.parse import urlencode

from bench import median, ratio, record, required_defaults
from bench._server import BenchServer, throughput

CLIENTS = 8
POSTS = 80  # per round
GETS = 60
BARE = 200
ROUNDS = 5
PER_DAY = 2740  # about a million a year: a district of 崇川's size
OPEN_DAYS = 5  # cases younger than this are still open (every other one)
LAT0, LON0, SPREAD = 32.005, 120.005, 0.09
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _sizes() -> list[int]:
    raw = os.environ.get("BENCH_SIZES", "1000,1000000")
    return sorted({int(s) for s in raw.split(",") if s.strip()})


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

    from gongzhi.cases.models import Case

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
    extra = required_defaults(Case, columns, true="{true}", false="{false}", empty_json="'{{}}'")
    for column, literal in extra:  # required columns added since this list
        columns += f", {column}"
        values += f", {literal}"
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


def _point(rng: random.Random) -> tuple[float, float]:
    return LAT0 + rng.random() * SPREAD, LON0 + rng.random() * SPREAD


class Paths:
    """The requests of each path and of its bare baseline."""

    def __init__(self, key: str, seed: int = 1):
        self.key = key
        self.rng = random.Random(seed)

    def open311_post(self, n=POSTS):
        out = []
        for _ in range(n):
            lat, lon = _point(self.rng)
            body = urlencode(
                {
                    "api_key": self.key,
                    "service_code": "noise",
                    "lat": f"{lat:.6f}",
                    "long": f"{lon:.6f}",
                    "description": f"广场舞音响太吵 {uuid.uuid4().hex[:8]}",
                }
            ).encode()
            out.append(("POST", "/open311/v2/requests.json", body, FORM))
        return out

    def open311_list(self, n=GETS):
        return [("GET", "/open311/v2/requests.json?page_size=100", None, {})] * n

    def api_post(self, n=POSTS):
        headers = {"Content-Type": "application/json", "X-API-Key": self.key}
        out = []
        for _ in range(n):
            lat, lon = _point(self.rng)
            body = {
                "category": "noise",
                "description": f"夜间施工噪音 {uuid.uuid4().hex[:8]}",
                "lat": lat,
                "lon": lon,
            }
            out.append(("POST", "/api/cases", json.dumps(body).encode(), headers))
        return out

    def api_list(self, n=GETS):
        return [("GET", "/api/cases?page_size=100", None, {"X-API-Key": self.key})] * n

    @staticmethod
    def bare_post(n=BARE):
        return [("POST", "/bench/bare.json", b"a=1", FORM)] * n

    @staticmethod
    def bare_get(n=BARE):
        return [("GET", "/bench/bare.json", None, {})] * n


def _median_ratio(port, subject, baseline) -> tuple[float, float, float]:
    """Median over ROUNDS alternating rounds of (bare rate / subject rate); the median rates."""
    ratios, rates, bares = [], [], []
    for _ in range(ROUNDS):
        rate = throughput(port, subject(), CLIENTS)
        bare = throughput(port, baseline(), CLIENTS)
        ratios.append(bare / rate)
        rates.append(rate)
        bares.append(bare)
    return median(ratios), median(rates), median(bares)


def _queries(paths: Paths) -> dict[str, int]:
    """Queries of one request of each path, counted in-process after a warm-up request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, make in (
        ("open311_post", paths.open311_post),
        ("open311_list", paths.open311_list),
        ("api_post", paths.api_post),
        ("api_list", paths.api_list),
    ):
        for attempt in range(2):
            method, path, body, headers = make(1)[0]
            extra = {
                "HTTP_" + k.upper().replace("-", "_"): v
                for k, v in headers.items()
                if k != "Content-Type"
            }
            with CaptureQueriesContext(connection) as ctx:
                if method == "POST":
                    response = client.post(
                        path, body, content_type=headers["Content-Type"], **extra
                    )
                else:
                    response = client.get(path, **extra)
            assert 200 <= response.status_code < 300, (path, response.content[:300])
            if attempt:
                counts[name] = len(ctx.captured_queries)
    return counts


LABELS = {
    "open311_post": "Open311 POST requests.json",
    "open311_list": "Open311 GET requests.json (100 per page)",
    "api_post": "API POST /api/cases",
    "api_list": "API GET /api/cases (100 per page)",
}


def _explain(grid, category) -> list[str]:
    """The plans of the queries intake and list run, on the current table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from gongzhi.cases.selectors.duplicates import find_duplicates
    from gongzhi.open311 import selectors

    now = timezone.now()
    lines = []
    page = (
        selectors.readable_cases(None)
        .filter(reported_at__gte=now - timezone.timedelta(days=90), reported_at__lte=now)
        .order_by("-reported_at", "-id")[:100]
    )
    lines.append(f"   EXPLAIN list page: {' | '.join(page.explain().splitlines())[:300]}")
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


def _connection_variants(port_env, paths, database: str):
    """Open311 POST with persistent connections off, and with psycopg's pool."""
    variants = [("CONN_MAX_AGE=0 (a new connection per request)", {"CONN_MAX_AGE": "0"})]
    if database == "postgresql" and importlib.util.find_spec("psycopg_pool"):
        variants.append(("psycopg pool (DATABASE_POOL=1)", {"DATABASE_POOL": "1"}))
    for label, env in variants:
        with BenchServer(env=env) as server:
            cost, post, bare = _median_ratio(server.port, paths.open311_post, paths.bare_post)
        yield label, cost, post, bare


def run():
    from django.db import connection

    from gongzhi.cases.models import Case

    sizes = _sizes()
    grid, category, key = _world()
    paths = Paths(key)
    results: dict[str, dict[int, float]] = {name: {} for name in LABELS}
    queries: dict[str, int] = {}
    filled = 0
    for size in sizes:
        _fill(size - filled, filled, grid, category)
        filled = size
        yield f"{Case.objects.count():,} cases in the table"
        queries = _queries(paths)
        with BenchServer() as server:
            for name, subject, baseline in (
                ("open311_post", paths.open311_post, paths.bare_post),
                ("open311_list", paths.open311_list, paths.bare_get),
                ("api_post", paths.api_post, paths.bare_post),
                ("api_list", paths.api_list, paths.bare_get),
            ):
                cost, rate, bare = _median_ratio(server.port, subject, baseline)
                results[name][size] = cost
                yield (
                    f"{LABELS[name]} ({size:,} cases, {queries[name]} queries): "
                    f"{rate:,.0f}/s, bare view {bare:,.0f}/s, median of {ROUNDS} rounds: "
                    f"{cost:.3g}x the bare view"
                )
        if size == sizes[0]:
            for label, cost, rate, bare in _connection_variants(None, paths, connection.vendor):
                yield (
                    f"Open311 POST with {label}: {rate:,.0f}/s, bare view {bare:,.0f}/s: "
                    f"{cost:.3g}x the bare view (against {results['open311_post'][size]:.3g}x "
                    "with the default CONN_MAX_AGE=60)"
                )
                record(f"Open311 POST, {label}", queries=None, small=cost)
        yield from _explain(grid, category)
    small, large = sizes[0], sizes[-1] if len(sizes) > 1 else None
    for name, label in LABELS.items():
        by_size = results[name]
        record(
            label,
            queries=queries.get(name),
            small=by_size.get(small),
            large=by_size.get(large) if large else None,
        )
        if large:
            yield ratio(
                f"{label} at {large:,} cases", f"at {small:,} cases", by_size[large], by_size[small]
            )
