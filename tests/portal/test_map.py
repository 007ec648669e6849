"""The public map page and its data."""

from django.urls import reverse

from gongzhi.portal.models import BasemapTile


def test_the_map_uses_the_local_basemap_when_no_tile_server_is_set(world, client, settings):
    settings.GONGZHI_MAP_TILE_URL = ""
    BasemapTile.objects.create(z=12, x=1, y=1, data="{}")
    BasemapTile.objects.create(z=16, x=1, y=1, data="{}")
    config = client.get(reverse("portal:map")).context["config"]
    assert config["basemap"] == {"minZoom": 12, "maxZoom": 16}
    assert config["tileUrl"] == ""


def test_a_configured_tile_server_replaces_the_basemap(world, client, settings):
    settings.GONGZHI_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    config = client.get(reverse("portal:map")).context["config"]
    assert config["tileUrl"] == settings.GONGZHI_MAP_TILE_URL


def test_the_map_data_has_grids_with_figures_and_public_points(world, report, client):
    report(is_public=True)
    report(is_public=False)
    data = client.get(reverse("portal:map_data")).json()
    grids = {f["properties"]["code"]: f["properties"] for f in data["grids"]["features"]}
    assert grids[world["grid1"].code]["open"] == 2
    assert grids[world["grid1"].code]["received"] == 2
    assert len(data["points"]) == 1


def test_tapping_a_grid_loads_its_card_as_a_fragment(world, client):
    response = client.get(
        reverse("portal:grid", args=[world["grid1"].code]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert 'id="grid-card"' in body and "<html" not in body


def test_only_public_levels_have_grid_pages(world, client):
    assert client.get(reverse("portal:grid", args=[world["b1"].code])).status_code == 404
    assert client.get(reverse("portal:grid", args=["NOPE"])).status_code == 404


def test_a_grid_counts_the_reports_of_its_microgrids(world, report, client):
    from gongzhi.org.choices import Level
    from gongzhi.org.services import node_create
    from tests.conftest import square

    micro = node_create(
        parent=world["grid1"],
        level=Level.MICROGRID,
        name="1号微网格",
        code="T-S-C-G1-M1",
        boundary=square(120.04, 32.04, 0.02),
    )
    report(is_public=True, lat=32.05, lon=120.05)
    grids = {
        f["properties"]["code"]: f["properties"]
        for f in client.get(reverse("portal:map_data")).json()["grids"]["features"]
    }
    assert grids[micro.code]["open"] == 1
    assert grids[world["grid1"].code]["open"] == 1
