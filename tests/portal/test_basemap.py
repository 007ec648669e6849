"""The offline basemap: tiles cut per zoom, small, in tile pixels; the import command; the demo's
generated basemap agrees with the boundaries."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from shapely.geometry import LineString, Polygon, shape

from gongzhi.portal.basemap import Feature, build_tiles
from gongzhi.portal.basemap.demo import demo_features
from gongzhi.portal.basemap.tiles import tile_range
from gongzhi.portal.models import BasemapTile

BBOX = (120.90, 31.98, 120.96, 32.01)


def _features():
    road = LineString([(120.90, 31.99), (120.96, 31.995)])
    house = Polygon([(120.93, 31.99), (120.9303, 31.99), (120.9303, 31.9903), (120.93, 31.9903)])
    water = Polygon([(120.90, 31.98), (120.96, 31.98), (120.96, 31.983), (120.90, 31.983)])
    return [Feature("major", road), Feature("building", house), Feature("water", water)]


def test_tiles_hold_tile_pixels_and_skip_details_at_low_zoom():
    tiles = build_tiles(_features(), bbox=BBOX, min_zoom=12, max_zoom=16)
    assert tiles
    for (z, _x, _y), data in tiles.items():
        doc = json.loads(data)
        kinds = {item[0] for item in doc["a"]}
        if z < 15:
            assert "building" not in kinds
        for _kind, rings in doc["a"]:
            for ring in rings:
                assert all(-8 <= v <= 264 for v in ring)
    assert any("building" in data for (z, _x, _y), data in tiles.items() if z == 16)


def test_every_tile_is_small():
    tiles = build_tiles(_features(), bbox=BBOX, min_zoom=11, max_zoom=16)
    assert max(len(v) for v in tiles.values()) < 20_000


def test_the_import_command_reads_geojson_and_stores_tiles(tmp_path, db):
    extract = tmp_path / "district.geojson"
    extract.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"highway": "primary", "name": "工农路"},
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [[120.9, 31.99], [120.96, 31.995]],
                        },
                    },
                    {
                        "type": "Feature",
                        "properties": {"shop": "bakery"},
                        "geometry": {"type": "Point", "coordinates": [120.93, 31.99]},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    call_command(
        "basemap_import", str(extract), "--bbox", ",".join(map(str, BBOX)), "--max-zoom", "14"
    )
    assert BasemapTile.objects.filter(z=14).exists()
    assert not BasemapTile.objects.filter(z=15).exists()


def test_a_broken_extract_is_refused_and_keeps_the_old_basemap(tmp_path, db):
    BasemapTile.objects.create(z=12, x=1, y=1, data="{}")
    broken = tmp_path / "broken.geojson"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not a readable GeoJSON"):
        call_command("basemap_import", str(broken))
    assert BasemapTile.objects.count() == 1


def test_the_import_command_reads_an_osm_pbf_extract(tmp_path, db):
    osmium = pytest.importorskip("osmium")
    path = tmp_path / "district.osm.pbf"
    writer = osmium.SimpleWriter(str(path))
    try:
        writer.add_node(osmium.osm.mutable.Node(id=1, location=(120.90, 31.99), tags={}))
        writer.add_node(osmium.osm.mutable.Node(id=2, location=(120.96, 31.995), tags={}))
        writer.add_way(osmium.osm.mutable.Way(id=10, nodes=[1, 2], tags={"highway": "residential"}))
    finally:
        writer.close()
    call_command(
        "basemap_import", str(path), "--bbox", ",".join(map(str, BBOX)), "--max-zoom", "14"
    )
    assert BasemapTile.objects.filter(z=14).exists()


def test_the_tile_endpoint_answers_tiles_and_no_content(db, client):
    BasemapTile.objects.create(z=14, x=2, y=3, data='{"v":1,"a":[],"l":[]}')
    found = client.get(reverse("portal:basemap_tile", args=[14, 2, 3]))
    assert found.status_code == 200 and found.json()["v"] == 1
    assert "max-age" in found["Cache-Control"]
    assert client.get(reverse("portal:basemap_tile", args=[14, 9, 9])).status_code == 204


def test_the_demo_basemap_follows_the_boundaries(world):
    from gongzhi.org.models import Node

    nodes = list(Node.objects.exclude(boundary__isnull=True))
    features, bbox = demo_features(nodes)
    buildings = [f.geometry for f in features if f.kind == "building"]
    boundary = shape(world["b1"].boundary)
    assert any(boundary.contains(b) for b in buildings)
    grid_outline = shape(world["grid1"].boundary).boundary
    assert any(f.kind == "minor" and f.geometry.equals(grid_outline) for f in features)
    water = next(f.geometry for f in features if f.kind == "water")
    assert not any(water.intersects(b) for b in buildings)
    assert tile_range(bbox, 10)[0] <= tile_range(bbox, 10)[2]


def test_png_tiles_are_drawn_from_the_stored_basemap_at_every_zoom(db, client):
    import io

    from PIL import Image

    tiles = build_tiles(_features(), bbox=BBOX, min_zoom=14, max_zoom=15)
    for (z, x, y), data in tiles.items():
        BasemapTile.objects.create(z=z, x=x, y=y, data=data)
    (z, x, y) = next(key for key in tiles if key[0] == 15)
    here = client.get(reverse("portal:basemap_png", args=[z, x, y]))
    deeper = client.get(reverse("portal:basemap_png", args=[z + 3, x * 8 + 4, y * 8 + 4]))
    for response in (here, deeper):
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(response.content)).size == (256, 256)
    assert client.get(reverse("portal:basemap_png", args=[3, 99, 0])).status_code == 404


def test_the_staff_case_map_uses_the_local_basemap_without_a_tile_server(world, settings):
    from django.test import Client

    settings.GONGZHI_MAP_TILE_URL = ""
    client = Client()
    client.force_login(world["users"]["dispatcher"])
    config = client.get(reverse("cases:map")).context["map_config"]
    assert config["tileUrl"] == settings.GONGZHI_LOCAL_BASEMAP_URL
    settings.GONGZHI_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    config = client.get(reverse("cases:map")).context["map_config"]
    assert config["tileUrl"] == settings.GONGZHI_MAP_TILE_URL
