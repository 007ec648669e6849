"""Deterministic boundary generation for the demo: partitions, outlines and building footprints.

Every function is pure: the same input (and the same seeded ``random.Random``) gives the same
shapes. Siblings come from one Voronoi partition clipped to their parent, so they share edges
and never overlap, and each child is the exact intersection with its parent. Coordinates are
kept at full precision: rounding them would move vertices on a parent's edge a little outside.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import shapely
from shapely.geometry import MultiPoint, Point, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

M_PER_DEG_LAT = 111_320.0
# The demo district lies around 32°N; one metre east is this many degrees fewer than north.
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(32.0))


def metres(dx: float, dy: float) -> tuple[float, float]:
    """Degrees of longitude and latitude for ``dx`` metres east and ``dy`` metres north."""
    return dx / M_PER_DEG_LON, dy / M_PER_DEG_LAT


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Keep only the polygonal part, with rings counter-clockwise as RFC 7946 asks."""
    parts = [
        part
        for part in getattr(geometry, "geoms", [geometry])
        for part in getattr(part, "geoms", [part])
        if part.geom_type == "Polygon" and not part.is_empty
    ]
    if not parts:
        raise ValueError(f"no polygon left in a {geometry.geom_type}")
    if len(parts) == 1:
        return orient(parts[0], 1.0)
    return shapely.MultiPolygon([orient(part, 1.0) for part in parts])


def _lists(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [float(v) for v in coords]
    return [_lists(item) for item in coords]


def to_geojson(geometry: BaseGeometry) -> dict:
    """GeoJSON with plain lists, as it comes back from a JSON column."""
    data = mapping(geometry)
    return {"type": data["type"], "coordinates": _lists(data["coordinates"])}


def largest_part(geometry: BaseGeometry) -> Polygon:
    if geometry.geom_type == "Polygon":
        return geometry
    return max(getattr(geometry, "geoms", []), key=lambda part: part.area)


def blob(center: tuple[float, float], radius_m: float, rng: random.Random, vertices=11):
    """An irregular, roughly round outline of about ``radius_m`` around ``center``."""
    lon, lat = center
    turn = rng.uniform(0, 2 * math.pi)
    points = []
    for i in range(vertices):
        angle = turn + 2 * math.pi * i / vertices + rng.uniform(-0.15, 0.15)
        r = radius_m * rng.uniform(0.82, 1.12)
        dlon, dlat = metres(r * math.cos(angle), r * math.sin(angle))
        points.append((lon + dlon, lat + dlat))
    return Polygon(points)


def points_inside(polygon: BaseGeometry, count: int, rng: random.Random) -> list[Point]:
    """``count`` points drawn uniformly inside ``polygon`` (rejection sampling in its bbox)."""
    min_x, min_y, max_x, max_y = polygon.bounds
    points: list[Point] = []
    for _attempt in range(count * 500):
        point = Point(rng.uniform(min_x, max_x), rng.uniform(min_y, max_y))
        if polygon.contains(point):
            points.append(point)
            if len(points) == count:
                return points
    raise ValueError("could not place enough points inside the polygon")


def voronoi_cells(polygon: BaseGeometry, seeds: Sequence[Point]) -> list[BaseGeometry]:
    """The Voronoi cell of each seed (in the seeds' order), clipped to ``polygon``."""
    diagram = shapely.voronoi_polygons(MultiPoint(list(seeds)), extend_to=polygon)
    cells = list(diagram.geoms)
    clipped = []
    for seed in seeds:
        cell = next(c for c in cells if c.intersects(seed))
        clipped.append(cell.intersection(polygon))
    return clipped


def partition(polygon: BaseGeometry, count: int, rng: random.Random, iterations=6):
    """Split ``polygon`` into ``count`` compact, non-overlapping cells, in reading order.

    Seeds start at random points and move to their cells' centroids a few times (Lloyd's
    relaxation), which evens out the cells' sizes the way real grids are drawn.
    """
    seeds = points_inside(polygon, count, rng)
    cells = voronoi_cells(polygon, seeds)
    for _round in range(iterations):
        seeds = []
        for cell in cells:
            centroid = cell.centroid
            seeds.append(centroid if polygon.contains(centroid) else cell.point_on_surface())
        cells = voronoi_cells(polygon, seeds)
    return reading_order([polygonal(cell) for cell in cells])


def reading_order(cells: list[BaseGeometry]) -> list[BaseGeometry]:
    """Sort cells in rows from north to south, each row from west to east."""
    if len(cells) < 2:
        return cells
    ys = [cell.centroid.y for cell in cells]
    rows = max(1, round(math.sqrt(len(cells)) * 0.8))
    band = (max(ys) - min(ys)) / rows or 1.0
    top = max(ys)

    def key(cell):
        centroid = cell.centroid
        return (min(int((top - centroid.y) / band), rows - 1), centroid.x)

    return sorted(cells, key=key)


def _spiral(step_m: float, rings: int):
    yield 0.0, 0.0
    for ring in range(1, rings + 1):
        for i in range(8 * ring):
            angle = 2 * math.pi * i / (8 * ring)
            yield metres(ring * step_m * math.cos(angle), ring * step_m * math.sin(angle))


def footprints(
    polygon: BaseGeometry,
    count: int,
    *,
    length_m=56.0,
    depth_m=13.0,
    gap_m=26.0,
    margin_m=8.0,
) -> list[Polygon]:
    """``count`` south-facing slab buildings placed inside ``polygon``, clear of its edges.

    Tries rows of one building, then of two, shrinking the slabs until they fit.
    """
    margin = margin_m / M_PER_DEG_LAT
    inner = polygon.buffer(-margin)
    if inner.is_empty:
        inner = polygon.buffer(-margin / 4)
    anchor = polylabel(largest_part(inner), tolerance=1e-6)
    for scale in (1.0, 0.85, 0.7, 0.55, 0.4, 0.3, 0.2):
        length, depth, gap = length_m * scale, depth_m * scale, gap_m * scale
        for columns in (1, 2):
            rows = math.ceil(count / columns)
            width = columns * length + (columns - 1) * gap / 2
            height = rows * depth + (rows - 1) * gap
            slabs = []
            for k in range(count):
                row, column = divmod(k, columns)
                x0 = -width / 2 + column * (length + gap / 2)
                y1 = height / 2 - row * (depth + gap)
                slabs.append((x0, y1 - depth, x0 + length, y1))
            for dlon, dlat in _spiral(step_m=6.0 * scale, rings=8):
                placed = []
                for x0, y0, x1, y1 in slabs:
                    a_lon, a_lat = metres(x0, y0)
                    b_lon, b_lat = metres(x1, y1)
                    placed.append(
                        box(
                            anchor.x + dlon + a_lon,
                            anchor.y + dlat + a_lat,
                            anchor.x + dlon + b_lon,
                            anchor.y + dlat + b_lat,
                        )
                    )
                if all(slab.within(inner) for slab in placed):
                    return [polygonal(slab) for slab in placed]
    raise ValueError(f"could not fit {count} buildings into the polygon")
