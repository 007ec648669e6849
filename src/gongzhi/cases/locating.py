"""Where a point is: coordinate conversion to WGS84 and the deepest node containing it.

The org app's point→grid index (``gongzhi.org.routing.locate``) is used when it is there; the
fallback scans the nodes whose bounding box holds the point, deepest first.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CRS_CHOICES = ("wgs84", "gcj02", "bd09")


def to_wgs84(lon: float, lat: float, crs: str = "wgs84") -> tuple[float, float]:
    """(lon, lat) in WGS84 from WGS84, GCJ-02 (高德/腾讯) or BD-09 (百度) input."""
    crs = (crs or "wgs84").lower().replace("-", "")
    if crs not in CRS_CHOICES:
        raise ValidationError(
            {
                "crs": _("Unknown coordinate system %(crs)s: use wgs84, gcj02 or bd09.")
                % {"crs": crs}
            }
        )
    if crs == "wgs84":
        return lon, lat
    import prcoords

    point = prcoords.Coords(lat, lon)
    converted = prcoords.gcj_wgs_bored(point) if crs == "gcj02" else prcoords.bd_wgs_bored(point)
    return converted.lon, converted.lat


def _fallback_locate(lon: float, lat: float):
    from shapely.geometry import Point, shape

    from gongzhi.org.models import Node

    point = Point(lon, lat)
    candidates = (
        Node.objects.with_boundary()
        .filter(min_lon__lte=lon, max_lon__gte=lon, min_lat__lte=lat, max_lat__gte=lat)
        .order_by("-depth", "path")
    )
    for node in candidates:
        if shape(node.boundary).covers(point):
            return node
    return None


def locate_node(lon: float, lat: float, crs: str = "wgs84"):
    """The deepest node whose boundary contains the point, or None."""
    try:
        from gongzhi.org.routing import locate
    except ImportError:
        lon, lat = to_wgs84(lon, lat, crs)
        return _fallback_locate(lon, lat)
    return locate(lon, lat, crs=crs)
