"""Cutting features into tiles: project, simplify per zoom, clip per tile, write tile pixels.

A tile is JSON: ``{"v": 1, "a": [[kind, [ring, ...]], ...], "l": [[kind, line], ...]}`` where
``a`` holds polygons (each ring a flat list x0, y0, x1, y1, … in tile pixels, 0–256, rounded)
and ``l`` lines the same way. Areas come before lines and water before buildings, in drawing
order.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry import box

from gongzhi.portal.basemap.features import AREA_KINDS, MIN_ZOOM, Feature

TILE = 256
BUFFER = 4  # pixels drawn beyond the tile edge, so that strokes meet across tiles
DRAW_ORDER = ["water", "green", "building", "river", "path", "minor", "major"]
MAX_LAT = 85.05112878


def lonlat_to_pixels(coords: np.ndarray, zoom: int) -> np.ndarray:
    """WGS84 lon/lat → world pixels at ``zoom`` (web mercator)."""
    scale = TILE * (2**zoom)
    lon = coords[:, 0]
    lat = np.clip(coords[:, 1], -MAX_LAT, MAX_LAT)
    x = (lon + 180.0) / 360.0 * scale
    rad = np.radians(lat)
    y = (1.0 - np.log(np.tan(rad) + 1.0 / np.cos(rad)) / math.pi) / 2.0 * scale
    return np.column_stack([x, y])


def tile_range(bbox, zoom: int) -> tuple[int, int, int, int]:
    """The tiles (x0, y0, x1, y1 inclusive) covering a lon/lat bbox at ``zoom``."""
    min_lon, min_lat, max_lon, max_lat = bbox
    corners = lonlat_to_pixels(np.array([[min_lon, max_lat], [max_lon, min_lat]]), zoom) / TILE
    (x0, y0), (x1, y1) = np.floor(corners).astype(int)
    return int(x0), int(y0), int(x1), int(y1)


def _flat(coords, dx, dy) -> list[int]:
    out = []
    for x, y, *_rest in coords:
        out.append(int(round(x - dx)))
        out.append(int(round(y - dy)))
    return out


def _encode_polygons(geometry, dx, dy) -> list[list[list[int]]]:
    polygons = []
    for part in getattr(geometry, "geoms", [geometry]):
        if part.geom_type == "Polygon" and not part.is_empty:
            rings = [part.exterior, *part.interiors]
            encoded = [_flat(r.coords, dx, dy) for r in rings]
            encoded = [r for r in encoded if len(r) >= 6]
            if encoded:
                polygons.append(encoded)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            polygons.extend(_encode_polygons(part, dx, dy))
    return polygons


def _encode_lines(geometry, dx, dy) -> list[list[int]]:
    lines = []
    for part in getattr(geometry, "geoms", [geometry]):
        if part.geom_type == "LineString" and not part.is_empty:
            flat = _flat(part.coords, dx, dy)
            if len(flat) >= 4:
                lines.append(flat)
        elif part.geom_type in ("MultiLineString", "GeometryCollection"):
            lines.extend(_encode_lines(part, dx, dy))
    return lines


def _prepared(features: list[Feature], zoom: int):
    """Features drawn at ``zoom``, projected to world pixels and simplified for it."""
    kinds, geometries = [], []
    for feature in features:
        if zoom < MIN_ZOOM.get(feature.kind, 99):
            continue
        projected = shapely.transform(feature.geometry, lambda c: lonlat_to_pixels(c, zoom))
        simplified = projected.simplify(0.5, preserve_topology=feature.kind in AREA_KINDS)
        if simplified.is_empty:
            continue
        # Below a pixel or two a building is noise at this zoom.
        if feature.kind in AREA_KINDS and simplified.area < 3:
            continue
        kinds.append(feature.kind)
        geometries.append(simplified)
    return kinds, geometries


def build_tiles(
    features: Iterable[Feature], *, bbox, min_zoom: int, max_zoom: int
) -> dict[tuple[int, int, int], str]:
    """``{(z, x, y): json}`` for every tile of the bbox that has something to draw."""
    features = list(features)
    tiles: dict[tuple[int, int, int], str] = {}
    for zoom in range(min_zoom, max_zoom + 1):
        kinds, geometries = _prepared(features, zoom)
        if not geometries:
            continue
        tree = shapely.STRtree(geometries)
        x0, y0, x1, y1 = tile_range(bbox, zoom)
        for tx in range(x0, x1 + 1):
            for ty in range(y0, y1 + 1):
                dx, dy = tx * TILE, ty * TILE
                window = box(dx - BUFFER, dy - BUFFER, dx + TILE + BUFFER, dy + TILE + BUFFER)
                hits = tree.query(window, predicate="intersects")
                if len(hits) == 0:
                    continue
                areas, lines = defaultdict(list), defaultdict(list)
                for index in hits:
                    kind = kinds[index]
                    clipped = geometries[index].intersection(window)
                    if clipped.is_empty:
                        continue
                    if kind in AREA_KINDS:
                        areas[kind].extend(_encode_polygons(clipped, dx, dy))
                    else:
                        lines[kind].extend(_encode_lines(clipped, dx, dy))
                doc = {
                    "v": 1,
                    "a": [[k, p] for k in DRAW_ORDER for p in areas.get(k, [])],
                    "l": [[k, line] for k in DRAW_ORDER for line in lines.get(k, [])],
                }
                if doc["a"] or doc["l"]:
                    tiles[(zoom, tx, ty)] = json.dumps(doc, separators=(",", ":"))
    return tiles


def store_tiles(tiles: dict[tuple[int, int, int], str], *, actor=None, source: str = "") -> int:
    """Replace the stored basemap with ``tiles`` in one transaction; how many were stored."""
    from django.db import transaction

    from gongzhi.core.audit import log_action
    from gongzhi.portal.models import BasemapTile

    with transaction.atomic():
        BasemapTile.objects.all().delete()
        BasemapTile.objects.bulk_create(
            [BasemapTile(z=z, x=x, y=y, data=data) for (z, x, y), data in tiles.items()],
            batch_size=500,
        )
        log_action(
            "portal.basemap.imported",
            actor=actor,
            data={"tiles": len(tiles), "source": source[:200]},
        )
    return len(tiles)
