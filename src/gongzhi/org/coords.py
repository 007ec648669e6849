"""Coordinates on entry: GCJ-02 (高德, 腾讯) and BD-09 (百度) become WGS84.

The platform stores WGS84 only. Phones inside WeChat, AMap and Tencent Maps hand out GCJ-02;
Baidu Maps hands out BD-09. Every point that comes from outside passes through
:func:`to_wgs84` with the system its sender says it uses.

The conversions come from ``prcoords`` and use its iterative ("bored") inverses, which invert
the published forward formulas to well under a centimetre, rather than the one-step inverses
that are off by a metre or two. Points outside the rough bounding box of China that the
formulas define are not shifted by either system and are returned unchanged.
"""

from __future__ import annotations

import math

import prcoords

WGS84 = "wgs84"
GCJ02 = "gcj02"
BD09 = "bd09"
CRS_CHOICES = (WGS84, GCJ02, BD09)

# Spellings seen in the wild: map SDK names and the hyphenated forms of the standards.
_ALIASES = {
    "wgs84": WGS84,
    "wgs-84": WGS84,
    "wgs_84": WGS84,
    "epsg:4326": WGS84,
    "gps": WGS84,
    "gcj02": GCJ02,
    "gcj-02": GCJ02,
    "gcj_02": GCJ02,
    "gcj": GCJ02,
    "amap": GCJ02,
    "gaode": GCJ02,
    "autonavi": GCJ02,
    "tencent": GCJ02,
    "qq": GCJ02,
    "bd09": BD09,
    "bd-09": BD09,
    "bd_09": BD09,
    "bd09ll": BD09,
    "bd": BD09,
    "baidu": BD09,
}


def normalise_crs(crs: str) -> str:
    """Return the canonical name (``wgs84``, ``gcj02`` or ``bd09``) of a system's spelling."""
    key = crs.strip().lower() if isinstance(crs, str) else None
    if key not in _ALIASES:
        raise ValueError(
            f"Unknown coordinate system {crs!r}: use one of wgs84, gcj02 (AMap, Tencent) "
            "or bd09 (Baidu)."
        )
    return _ALIASES[key]


def checked_lon_lat(lon, lat) -> tuple[float, float]:
    """``(lon, lat)`` as floats, or ``ValueError`` naming the coordinate that is unusable."""
    values = []
    for name, value, limit in (("longitude", lon, 180.0), ("latitude", lat, 90.0)):
        if isinstance(value, bool):
            raise ValueError(f"The {name} must be a number, not {value!r}.")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"The {name} must be a number, not {value!r}.") from None
        if not math.isfinite(number) or abs(number) > limit:
            raise ValueError(f"The {name} {value!r} is outside ±{limit:g}.")
        values.append(number)
    return values[0], values[1]


def in_china(lon: float, lat: float) -> bool:
    """True inside the box where the GCJ-02/BD-09 formulas shift points."""
    return prcoords.sanity_in_china_p(prcoords.Coords(lat, lon))


def to_wgs84(lon, lat, crs: str = WGS84) -> tuple[float, float]:
    """Convert ``(lon, lat)`` given in ``crs`` to WGS84 ``(lon, lat)``.

    ``crs`` is ``wgs84``, ``gcj02`` or ``bd09`` in any of the usual spellings (see
    :func:`normalise_crs`); anything else raises ``ValueError`` naming it.
    """
    system = normalise_crs(crs)
    lon, lat = checked_lon_lat(lon, lat)
    if system == WGS84 or not in_china(lon, lat):
        return lon, lat
    point = prcoords.Coords(lat, lon)
    if system == BD09:
        # Undo Baidu's layer first, then GCJ-02's, each with its own precise inverse: this is
        # three times closer than prcoords' combined bd_wgs_bored (about 5e-8° against 2e-7°)
        # and never asks prcoords about a point it would warn about.
        point = prcoords.bd_gcj_bored(point)
        if not in_china(point.lon, point.lat):
            return point.lon, point.lat
    wgs = prcoords.gcj_wgs_bored(point)
    return wgs.lon, wgs.lat


def from_wgs84(lon, lat, crs: str) -> tuple[float, float]:
    """Convert WGS84 ``(lon, lat)`` to ``crs``, e.g. to hand a point to a Baidu or AMap widget."""
    system = normalise_crs(crs)
    lon, lat = checked_lon_lat(lon, lat)
    if system == WGS84 or not in_china(lon, lat):
        return lon, lat
    point = prcoords.wgs_gcj(prcoords.Coords(lat, lon), False)
    if system == BD09:
        point = prcoords.gcj_bd(point)
    return point.lon, point.lat
