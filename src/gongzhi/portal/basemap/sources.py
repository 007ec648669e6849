"""Reading OpenStreetMap extracts into basemap features: GeoJSON (always) and .osm.pbf
(with the optional ``osmium`` package: ``pip install gongzhi[osm]``)."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import box, shape

from gongzhi.portal.basemap.features import AREA_KINDS, Feature, classify


class SourceError(Exception):
    """The extract cannot be read; the message says why."""


def _keep(kind, geometry, window) -> Feature | None:
    if kind is None or geometry is None or geometry.is_empty:
        return None
    if window is not None:
        if not geometry.intersects(window):
            return None
        geometry = geometry.intersection(window)
        if geometry.is_empty:
            return None
    return Feature(kind, geometry)


def read_geojson(path: Path, *, bbox=None) -> list[Feature]:
    """Features of a GeoJSON FeatureCollection whose properties are OSM tags (as exported by
    osmium export, ogr2ogr or Overpass)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{path}: not a readable GeoJSON file ({exc})") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise SourceError(f"{path}: expected a GeoJSON FeatureCollection")
    window = box(*bbox) if bbox else None
    features = []
    for item in data.get("features") or []:
        if not isinstance(item, dict) or not isinstance(item.get("geometry"), dict):
            continue
        try:
            geometry = shape(item["geometry"])
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
        tags = item.get("properties") or {}
        if not isinstance(tags, dict):
            continue
        if isinstance(tags.get("tags"), dict):  # osmtogeojson nests the tags
            tags = {**tags, **tags["tags"]}
        is_area = geometry.geom_type in ("Polygon", "MultiPolygon")
        kind = classify(tags, is_area=is_area)
        if kind is not None and (kind in AREA_KINDS) != is_area:
            continue
        if is_area and not geometry.is_valid:
            geometry = shapely.make_valid(geometry)
        feature = _keep(kind, geometry, window)
        if feature is not None:
            features.append(feature)
    return features


def read_pbf(path: Path, *, bbox=None) -> list[Feature]:
    """Features of an .osm.pbf (or .osm) extract, read with pyosmium."""
    try:
        import osmium
    except ImportError as exc:
        raise SourceError(
            "Reading .osm.pbf needs the osmium package: pip install 'gongzhi[osm]', or convert "
            "the extract to GeoJSON first (osmium export extract.osm.pbf -o extract.geojson)."
        ) from exc
    window = box(*bbox) if bbox else None
    factory = osmium.geom.WKBFactory()
    features = []
    try:
        processor = osmium.FileProcessor(str(path)).with_locations().with_areas()
        for obj in processor:
            tags = {tag.k: tag.v for tag in obj.tags}
            if not tags:
                continue
            if obj.is_area():
                kind = classify(tags, is_area=True)
                if kind is None:
                    continue
                try:
                    geometry = shapely.from_wkb(factory.create_multipolygon(obj))
                except RuntimeError:
                    continue
            elif obj.is_way():
                kind = classify(tags, is_area=False)
                if kind is None or tags.get("area") == "yes":
                    continue
                try:
                    geometry = shapely.from_wkb(factory.create_linestring(obj))
                except RuntimeError:
                    continue
            else:
                continue
            feature = _keep(kind, geometry, window)
            if feature is not None:
                features.append(feature)
    except RuntimeError as exc:
        raise SourceError(f"{path}: not a readable OSM extract ({exc})") from exc
    return features


def read_extract(path: Path, *, bbox=None) -> list[Feature]:
    name = str(path).lower()
    if name.endswith((".geojson", ".json")):
        return read_geojson(path, bbox=bbox)
    if name.endswith((".osm.pbf", ".pbf", ".osm")):
        return read_pbf(path, bbox=bbox)
    raise SourceError(f"{path}: give a .geojson or an .osm.pbf file")
