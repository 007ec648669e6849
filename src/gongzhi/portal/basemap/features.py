"""What the basemap draws, and how OpenStreetMap tags map onto it."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

# Kinds, and the lowest zoom at which each is drawn.
MIN_ZOOM = {
    "water": 0,
    "river": 0,
    "green": 13,
    "major": 0,
    "minor": 14,
    "path": 16,
    "building": 15,
}
AREA_KINDS = {"water", "green", "building"}
LINE_KINDS = {"river", "major", "minor", "path"}

MAJOR_ROADS = {"motorway", "trunk", "primary", "secondary", "tertiary"}
MAJOR_ROADS |= {f"{kind}_link" for kind in list(MAJOR_ROADS)}
MINOR_ROADS = {"residential", "unclassified", "living_street", "service", "road"}
PATHS = {"footway", "path", "cycleway", "pedestrian", "steps", "track", "bridleway"}
WATER_AREAS = {"water", "riverbank", "reservoir", "basin", "dock"}
GREEN = {
    "park",
    "garden",
    "grass",
    "forest",
    "wood",
    "meadow",
    "recreation_ground",
    "village_green",
}


@dataclass(frozen=True)
class Feature:
    kind: str
    geometry: BaseGeometry


def classify(tags: dict, *, is_area: bool) -> str | None:
    """The kind of a feature with these OSM tags, or None when the basemap leaves it out."""
    get = tags.get
    if is_area:
        if get("building") and get("building") != "no":
            return "building"
        if (
            get("natural") == "water"
            or get("waterway") in WATER_AREAS
            or get("landuse") in WATER_AREAS
            or get("water")
        ):
            return "water"
        if get("leisure") in GREEN or get("landuse") in GREEN or get("natural") in GREEN:
            return "green"
        return None
    highway = get("highway")
    if highway in MAJOR_ROADS:
        return "major"
    if highway in MINOR_ROADS:
        return "minor"
    if highway in PATHS:
        return "path"
    if get("waterway") in {"river", "canal", "stream", "drain", "ditch"}:
        return "river"
    return None
