"""Import an OpenStreetMap extract of the district into the offline basemap."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongzhi.portal.basemap import build_tiles, store_tiles
from gongzhi.portal.basemap.sources import SourceError, read_extract


def _bbox(value: str):
    try:
        parts = [float(v) for v in value.split(",")]
    except ValueError as exc:
        raise CommandError("--bbox takes min_lon,min_lat,max_lon,max_lat") from exc
    if len(parts) != 4 or not (parts[0] < parts[2] and parts[1] < parts[3]):
        raise CommandError("--bbox takes min_lon,min_lat,max_lon,max_lat")
    return tuple(parts)


def _district_bbox():
    from django.db.models import Max, Min

    from gongzhi.org.models import Node

    box = Node.objects.aggregate(
        a=Min("min_lon"), b=Min("min_lat"), c=Max("max_lon"), d=Max("max_lat")
    )
    if box["a"] is None:
        return None
    margin = 0.01
    return (box["a"] - margin, box["b"] - margin, box["c"] + margin, box["d"] + margin)


class Command(BaseCommand):
    help = (
        "Import an OpenStreetMap extract (.geojson, or .osm.pbf with the osmium package) into "
        "the offline basemap, replacing the stored one. By default the extract is cut to the "
        "places' boundaries (plus about a kilometre)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the extract: a .geojson or .osm.pbf file")
        parser.add_argument("--bbox", help="min_lon,min_lat,max_lon,max_lat to cut to")
        parser.add_argument("--min-zoom", type=int, default=11)
        parser.add_argument("--max-zoom", type=int, default=17)

    def handle(self, *args, path, bbox=None, min_zoom=11, max_zoom=17, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{source}: no such file")
        if not (0 <= min_zoom <= max_zoom <= 19):
            raise CommandError("zooms must satisfy 0 <= --min-zoom <= --max-zoom <= 19")
        window = _bbox(bbox) if bbox else _district_bbox()
        try:
            features = read_extract(source, bbox=window)
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        if not features:
            raise CommandError(f"{source}: no roads, buildings, water or green in the area")
        if window is None:
            from shapely import GeometryCollection

            window = GeometryCollection([f.geometry for f in features]).bounds
        tiles = build_tiles(features, bbox=window, min_zoom=min_zoom, max_zoom=max_zoom)
        count = store_tiles(tiles, source=source.name)
        size = sum(len(v) for v in tiles.values())
        self.stdout.write(
            f"{len(features)} features → {count} tiles, z{min_zoom}–{max_zoom}, "
            f"{size / 1024:.0f} KiB in all"
        )
