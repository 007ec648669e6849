"""The offline basemap: roads, buildings, water and green drawn from local data.

Features (WGS84 shapely geometries with a kind) are cut into web-mercator tiles for each zoom
of the district, simplified to what that zoom can show (about half a pixel), written in tile
pixels as small JSON documents and stored in ``portal.BasemapTile``. The map draws them on a
canvas (``portal/basemap.js``). See docs/portal.md for why tiles of simplified GeoJSON-like
data rather than a PMTiles archive.
"""

from gongzhi.portal.basemap.features import Feature, classify
from gongzhi.portal.basemap.tiles import build_tiles, store_tiles

__all__ = ["Feature", "build_tiles", "classify", "store_tiles"]
