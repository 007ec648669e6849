"""A generated basemap for the demo district that agrees with its boundaries.

Streets and communities are bounded by main roads, grids and microgrids by lanes, each demo
building is a footprint a little inside its boundary, the communities' open space is green,
and a river winds across the district's south, kept off every footprint.
"""

from __future__ import annotations

import math

import shapely
from shapely.geometry import LineString, shape

from gongzhi.portal.basemap.features import Feature

M_PER_DEG_LAT = 111_320.0
DEMO_MIN_ZOOM = 11
DEMO_MAX_ZOOM = 16


def _metres_to_deg(m: float) -> float:
    return m / M_PER_DEG_LAT


def _outline(boundary: dict):
    geometry = shape(boundary)
    return geometry.boundary


def demo_features(nodes) -> tuple[list[Feature], tuple[float, float, float, float] | None]:
    """Features and the bbox for ``nodes`` (org nodes with boundaries)."""
    features: list[Feature] = []
    footprints = []
    extent = None
    road_kind = {
        "district": "major",
        "street": "major",
        "community": "major",
        "grid": "minor",
        "microgrid": "path",
    }
    for node in nodes:
        if not node.boundary:
            continue
        geometry = shape(node.boundary)
        if node.level == "district":
            extent = geometry.bounds
        if node.level == "building":
            footprint = geometry.buffer(-_metres_to_deg(1.5), join_style="mitre")
            if not footprint.is_empty:
                footprints.append(footprint)
                features.append(Feature("building", footprint))
            continue
        kind = road_kind.get(node.level)
        if kind:
            features.append(Feature(kind, _outline(node.boundary)))
        if node.level == "community":
            park = geometry.centroid.buffer(_metres_to_deg(60), quad_segs=4)
            features.append(Feature("green", park.intersection(geometry)))
    if extent is None and features:
        extent = shapely.GeometryCollection([f.geometry for f in features]).bounds
    if extent is None:
        return [], None
    features.append(Feature("water", _river(extent, footprints)))
    return features, extent


def _river(extent, footprints):
    min_lon, min_lat, max_lon, max_lat = extent
    base = min_lat + (max_lat - min_lat) * 0.12
    amplitude = (max_lat - min_lat) * 0.04
    points = []
    steps = 40
    for i in range(steps + 1):
        t = i / steps
        lon = min_lon - 0.01 + (max_lon - min_lon + 0.02) * t
        points.append((lon, base + amplitude * math.sin(t * math.pi * 3)))
    river = LineString(points).buffer(_metres_to_deg(90), cap_style="flat")
    if footprints:
        river = river.difference(shapely.union_all(footprints).buffer(_metres_to_deg(20)))
    return river
