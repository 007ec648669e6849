"""Boundaries: GeoJSON Polygon/MultiPolygon in WGS84, checked before anything is stored."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from shapely import make_valid
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

BOUNDARY_TYPES = {"Polygon", "MultiPolygon"}
# A child may overhang its parent by this share of its own area (digitising noise on shared
# edges) before it is reported as lying outside.
OUTSIDE_TOLERANCE = 0.001


def _iter_positions(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords
        return
    for item in coords:
        yield from _iter_positions(item)


def parse_boundary(geojson) -> BaseGeometry:
    """Turn GeoJSON into a shapely geometry, or raise ``ValidationError`` saying what is wrong."""
    if not isinstance(geojson, dict):
        raise ValidationError(_("The boundary must be a GeoJSON object."), code="type")
    if geojson.get("type") == "Feature":
        geojson = geojson.get("geometry") or {}
    kind = geojson.get("type")
    if kind not in BOUNDARY_TYPES:
        raise ValidationError(
            _("The boundary must be a Polygon or MultiPolygon, not %(kind)s.")
            % {"kind": kind or "—"},
            code="type",
        )
    coords = geojson.get("coordinates")
    if not isinstance(coords, list) or not coords:
        raise ValidationError(_("The boundary has no coordinates."), code="coordinates")
    try:
        positions = list(_iter_positions(coords))
    except TypeError as exc:
        raise ValidationError(
            _("The boundary's coordinates are malformed."), code="coordinates"
        ) from exc
    for position in positions:
        if (
            not isinstance(position, (list, tuple))
            or len(position) < 2
            or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in position[:2]
            )
        ):
            raise ValidationError(
                _("The boundary's coordinates are malformed."), code="coordinates"
            )
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError(
                _(
                    "Coordinate (%(lon)s, %(lat)s) is out of range: longitude must be within "
                    "±180 and latitude within ±90."
                )
                % {"lon": lon, "lat": lat},
                code="range",
            )
    try:
        geometry = shape(geojson)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        raise ValidationError(
            _("The boundary is not valid GeoJSON: %(error)s") % {"error": exc}, code="geojson"
        ) from exc
    if geometry.is_empty:
        raise ValidationError(_("The boundary is empty."), code="empty")
    if not geometry.is_valid:
        raise ValidationError(
            _("The boundary is not a valid polygon: %(reason)s")
            % {"reason": explain_validity(geometry)},
            code="invalid",
        )
    return geometry


def outside_parent_problem(child: BaseGeometry, parent: BaseGeometry) -> str | None:
    """A message when ``child`` lies (partly) outside ``parent``, else None."""
    if child.within(parent):
        return None
    outside = child.difference(make_valid(parent)).area
    if child.area and outside / child.area <= OUTSIDE_TOLERANCE:
        return None
    share = 100 * outside / child.area if child.area else 100
    return _("%(share).1f%% of the boundary lies outside its parent's boundary.") % {"share": share}


def bounds_of(geometry: BaseGeometry) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in geometry.bounds)
