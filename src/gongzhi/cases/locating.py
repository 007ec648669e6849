"""Where a point is, for the case loop: the org app's conversion and point→grid index, with
errors as ``ValidationError`` naming the field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongzhi.org import coords, routing


def to_wgs84(lon: float, lat: float, crs: str = "wgs84") -> tuple[float, float]:
    """(lon, lat) in WGS84 from WGS84, GCJ-02 (高德/腾讯) or BD-09 (百度) input."""
    try:
        coords.normalise_crs(crs or "wgs84")
    except ValueError as exc:
        raise ValidationError(
            {
                "crs": _("Unknown coordinate system %(crs)s: use wgs84, gcj02 or bd09.")
                % {"crs": crs}
            }
        ) from exc
    try:
        return coords.to_wgs84(lon, lat, crs or "wgs84")
    except ValueError as exc:
        raise ValidationError({"location": str(exc)}) from exc


def locate_node(lon: float, lat: float, crs: str = "wgs84"):
    """The deepest node whose boundary contains the point, or None."""
    found = routing.locate(lon, lat, crs=crs or "wgs84")
    return found.node if found is not None else None
