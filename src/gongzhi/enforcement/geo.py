"""Small geometry helpers: distances, GeoJSON routes, and the grids a route passes through."""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongzhi.org import routing
from gongzhi.org.choices import Level
from gongzhi.org.models import Node

EARTH_RADIUS_M = 6_371_000
MAX_ROUTE_POINTS = 20_000


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def bbox_around(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that holds the circle."""
    dlat = radius_m / 111_320
    dlon = radius_m / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def clean_points(points, field: str = "points") -> list[list[float]]:
    """``[[lon, lat], …]`` from pairs or ``{"lon", "lat"}`` objects, each checked."""
    if not isinstance(points, (list, tuple)):
        raise ValidationError({field: _("Send a list of points.")})
    cleaned = []
    for i, point in enumerate(points):
        if isinstance(point, dict):
            point = [point.get("lon"), point.get("lat")]
        try:
            lon, lat = (float(x) for x in point[:2])
        except (TypeError, ValueError, IndexError) as exc:
            raise ValidationError(
                {field: _("Point %(n)d is not a longitude and latitude.") % {"n": i + 1}}
            ) from exc
        if not (
            math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90
        ):
            raise ValidationError({field: _("Point %(n)d is not on earth.") % {"n": i + 1}})
        cleaned.append([round(lon, 7), round(lat, 7)])
    return cleaned


def clean_line(route, field: str = "route") -> list[list[float]]:
    """The coordinates of a GeoJSON LineString (or a bare list of points)."""
    if isinstance(route, dict):
        if route.get("type") != "LineString":
            raise ValidationError({field: _("The route must be a GeoJSON LineString.")})
        route = route.get("coordinates")
    points = clean_points(route, field)
    if len(points) > MAX_ROUTE_POINTS:
        raise ValidationError(
            {field: _("At most %(n)d points in a route.") % {"n": MAX_ROUTE_POINTS}}
        )
    return points


def _densify(points: list[list[float]], step_deg: float = 0.0003) -> list[list[float]]:
    """Points along the segments too (about every 30 m), so a straight drawn line between two
    clicks still counts the grids it crosses."""
    if len(points) < 2:
        return points
    out = [points[0]]
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        steps = min(200, int(max(abs(x2 - x1), abs(y2 - y1)) / step_deg))
        for k in range(1, steps + 1):
            out.append([x1 + (x2 - x1) * k / (steps + 1), y1 + (y2 - y1) * k / (steps + 1)])
        out.append([x2, y2])
    return out


def grids_on(points: list[list[float]]) -> list[Node]:
    """The grid-level nodes the points (and the segments between them) pass through.

    One bulk lookup in the point→grid index, one query for the located nodes' paths and one for
    their grids.
    """
    if not points:
        return []
    ids = {i for i in routing.locate_many(_densify(points)) if i is not None}
    if not ids:
        return []
    located = Node.objects.filter(pk__in=ids).values_list("path", "depth", "level")
    paths = set()
    for path, depth, level in located:
        if level == Level.GRID:
            paths.add(path)
        else:
            paths.update(path[: i * Node.steplen] for i in range(1, depth))
    return list(Node.objects.filter(path__in=paths, level=Level.GRID).order_by("path"))
