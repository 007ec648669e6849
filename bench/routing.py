"""Point → grid routing on 10,000 grid polygons, against bare shapely and a linear scan."""

from __future__ import annotations

import numpy as np
import shapely
from django.db.models import TextField
from django.db.models.functions import Cast

from bench import compare, ratio, record
from gongzhi.org import routing
from gongzhi.org.models import Node
from gongzhi.org.synthetic import build_synthetic_district

POINTS = 20_000
SCAN_POINTS = 100
SINGLE_POINTS = 1_000
CONVERTED_POINTS = 5_000


def linear_scan(geometries, depths, paths, xy):
    """The obvious way: test every boundary for every point, deepest then first path wins."""
    answers = []
    for lon, lat in xy:
        covering = np.flatnonzero(shapely.covers(geometries, shapely.Point(lon, lat)))
        if covering.size:
            answers.append(min(covering, key=lambda i: (-depths[i], paths[i])))
        else:
            answers.append(None)
    return answers


def run():
    district = build_synthetic_district(cols=100, rows=100, seed=1)
    x0, y0, x1, y1 = district.bbox
    rng = np.random.default_rng(1)
    xy = np.column_stack([rng.uniform(x0, x1, POINTS), rng.uniform(y0, y1, POINTS)])
    texts = list(Node.objects.with_boundary().values_list(Cast("boundary", TextField()), flat=True))

    cost, base = compare(
        routing.build_index, lambda: shapely.STRtree(shapely.from_geojson(texts)), repeat=3
    )
    yield ratio(
        f"routing.build_index ({len(texts):,} boundaries read from the database)",
        "bare from_geojson + STRtree on the same GeoJSON already in memory",
        cost,
        base,
    )

    index = routing.get_index()
    # The baseline gets its own geometries and tree: what plain shapely code would hold.
    tree = shapely.STRtree(shapely.from_geojson(texts))
    many, bare = compare(
        lambda: routing.locate_many(xy),
        lambda: tree.query(shapely.points(xy), predicate=routing.PREDICATE),
    )
    yield f"routing.locate_many: {POINTS:,} points in {many:.3f} s ({POINTS / many:,.0f} points/s)"
    yield ratio("routing.locate_many", "bare STRtree bulk query", many, bare)

    sample = xy[:SCAN_POINTS]
    expected = [int(p) if p < len(index) else None for p in index.positions(sample)]
    assert linear_scan(index.geometries, index.depths, index.paths, sample) == expected
    many, scan = compare(
        lambda: routing.locate_many(xy),
        lambda: linear_scan(index.geometries, index.depths, index.paths, sample),
        repeat=3,
    )
    yield ratio(
        "routing.locate_many (per point)",
        f"linear scan (covers over all {len(index):,} boundaries, timed on {SCAN_POINTS} points)",
        many / POINTS,
        scan / SCAN_POINTS,
    )

    singles = xy[:SINGLE_POINTS].tolist()

    def bare_singles():
        return [tree.query(shapely.Point(p), predicate=routing.PREDICATE) for p in singles]

    one, bare_one = compare(lambda: [routing.locate(x, y) for x, y in singles], bare_singles)
    yield ratio(
        "routing.locate (one point; the stamp is read once per GONGZHI_CACHE_SECONDS)",
        "bare STRtree query of one point",
        one,
        bare_one,
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        routing.locate(*singles[0])
    record(
        "org.routing.locate (one point) vs a bare STRtree query",
        queries=len(ctx.captured_queries),
        small=one / bare_one,
    )
    held, bare_one = compare(lambda: [index.locate(x, y) for x, y in singles], bare_singles)
    yield ratio(
        "RoutingIndex.locate (one point, index in hand)",
        "bare STRtree query of one point",
        held,
        bare_one,
    )

    converted = xy[:CONVERTED_POINTS]
    for crs in ("gcj02", "bd09"):
        cost, base = compare(
            lambda crs=crs: routing.locate_many(converted, crs=crs),
            lambda: routing.locate_many(converted),
            repeat=3,
        )
        yield ratio(f"routing.locate_many(crs={crs!r})", "the same points in WGS84", cost, base)
