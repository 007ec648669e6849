import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongzhi.org.choices import Force, Level
from gongzhi.org.models import PartnerUnit, Party, PartyBinding
from gongzhi.org.roles import Role
from gongzhi.org.services import node_create
from tests.ui.conftest import login
from tests.ui.factories import box


def geojson(client, node, depth=None):
    url = reverse("org:node_children_geojson", args=[node.code])
    response = client.get(url, {"depth": depth} if depth else {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_children_geojson_lists_children_with_links(xs, staff):
    data = geojson(login(staff), xs.community)
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["code"] for f in data["features"]] == [g.code for g in xs.grids]
    first = data["features"][0]
    assert first["geometry"]["type"] == "Polygon"
    assert first["properties"]["url"] == reverse("org:node_detail", args=[xs.grids[0].code])
    assert first["properties"]["relative_depth"] == 1


def test_children_geojson_depth_two_adds_grandchildren_and_is_capped(xs, staff):
    client = login(staff)
    data = geojson(client, xs.community, depth=2)
    levels = [f["properties"]["level"] for f in data["features"]]
    assert levels.count(Level.GRID) == 3 and levels.count(Level.MICROGRID) == 9
    # Asking for more never reaches the buildings three levels down.
    assert len(geojson(client, xs.community, depth=9)["features"]) == 12
    assert len(geojson(client, xs.community, depth="x")["features"]) == 3


def test_children_geojson_query_count_is_flat(xs, staff):
    client = login(staff)
    client.get(reverse("org:node_children_geojson", args=[xs.grids[0].code]))  # warm the session

    def count(node):
        with CaptureQueriesContext(connection) as ctx:
            geojson(client, node)
        return len(ctx.captured_queries)

    few = count(xs.grids[1])
    for i in range(12):
        node_create(
            parent=xs.grids[0],
            level=Level.MICROGRID,
            name=f"加{i}",
            code=f"EXTRA-{i}",
            boundary=box(120.9 + 0.005 * i, 32.05, 0.004),
        )
    assert len(geojson(client, xs.grids[0])["features"]) == 15
    assert count(xs.grids[0]) == few


def test_children_geojson_of_unknown_node_is_404(xs, staff):
    url = reverse("org:node_children_geojson", args=["NOPE"])
    assert login(staff).get(url).status_code == 404


def test_node_page_shows_breadcrumbs_counts_children_and_map_config(xs, staff):
    response = login(staff).get(reverse("org:node_detail", args=[xs.community.code]))
    assert response.status_code == 200
    body = response.content.decode()
    for ancestor in (xs.district, xs.street):
        assert f'href="{ancestor.get_absolute_url()}"' in body
    for grid in xs.grids:
        assert f'href="{grid.get_absolute_url()}"' in body
    config = response.context["map_config"]
    assert config["childrenUrl"] == reverse("org:node_children_geojson", args=[xs.community.code])
    assert config["depth"] == 2
    assert config["node"]["geometry"]["type"] == "Polygon"
    assert config["tileUrl"] == ""
    assert 'id="map-config"' in body
    assert "leaflet/leaflet.js" in body


def test_node_page_adds_tile_layer_only_when_configured(xs, staff, settings):
    settings.GONGZHI_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.GONGZHI_MAP_TILE_ATTRIBUTION = "© Example"
    response = login(staff).get(reverse("org:node_detail", args=[xs.community.code]))
    assert response.context["map_config"]["tileUrl"] == settings.GONGZHI_MAP_TILE_URL
    assert "tiles.example.org" in response.content.decode()


def test_node_page_lists_parties_bound_here_and_above_and_partners(xs, staff):
    bureau = Party.objects.create(name="开发区综合行政执法局", force=Force.ENFORCEMENT)
    PartyBinding.objects.create(party=bureau, node=xs.street)
    company = Party.objects.create(name="观河华府物业", force=Force.PROPERTY_MANAGER)
    PartyBinding.objects.create(party=company, node=xs.grids[0])
    PartnerUnit.objects.create(name="花香书屋", kind="partner_unit", node=xs.community)
    body = login(staff).get(reverse("org:node_detail", args=[xs.community.code])).content.decode()
    assert "开发区综合行政执法局" in body  # bound above
    assert "观河华府物业" not in body  # bound below: not serving the whole community
    assert "花香书屋" in body
    grid_page = login(staff).get(reverse("org:node_detail", args=[xs.grids[0].code]))
    assert "观河华府物业" in grid_page.content.decode()


def test_people_section_only_for_those_who_may_see_people_here(xs, residents, staff, worker):
    url = reverse("org:node_detail", args=[xs.community.code])
    staff_page = login(staff).get(url)
    assert staff_page.context["can_view_people"]
    assert {p.name for p in staff_page.context["people"]} == {"张建国", "王秀英", "李四"}
    # A grid worker may not open the community above their grid at all.
    assert login(worker).get(url).status_code == 404
    grid_page = login(worker).get(reverse("org:node_detail", args=[xs.grids[0].code]))
    assert {p.name for p in grid_page.context["people"]} == {"张建国", "王秀英"}


def test_handler_sees_node_page_without_people(xs, residents, user_with_role):
    handler = user_with_role(Role.HANDLER, xs.community)
    response = login(handler).get(reverse("org:node_detail", args=[xs.community.code]))
    assert response.status_code == 200
    assert "people" not in response.context


def test_people_list_is_paginated_searchable_and_scoped(xs, residents, worker, staff):
    worker_page = login(worker).get(reverse("org:node_people", args=[xs.grids[0].code]))
    assert [p.name for p in worker_page.context["page"]] == ["张建国", "王秀英"]
    url = reverse("org:node_people", args=[xs.community.code])
    assert login(worker).get(url).status_code == 404
    found = login(staff).get(url, {"q": "李"})
    assert [p.name for p in found.context["page"]] == ["李四"]
    assert login(staff).get(url, {"page": "999"}).status_code == 200


def test_people_list_query_count_is_flat(xs, residents, staff):
    from gongzhi.org.services import person_create

    client = login(staff)
    url = reverse("org:node_people", args=[xs.community.code])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(10):
        person_create(household=residents["h2"], name=f"居民{i}")
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(response.context["page"]) == 13
    assert len(after.captured_queries) == len(before.captured_queries)


def test_households_list_shows_member_counts(xs, residents, staff):
    response = login(staff).get(reverse("org:node_households", args=[xs.community.code]))
    counts = {h.unit: h.member_count for h in response.context["page"]}
    assert counts == {"2单元502室": 2, "1单元101室": 1}


def test_tree_partial_lists_children_for_htmx(xs, staff):
    response = login(staff).get(
        reverse("org:node_tree", args=[xs.community.code]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.count("<li>") == 3
    assert reverse("org:node_tree", args=[xs.grids[0].code]) in body
    assert "<html" not in body


def test_browser_page_starts_at_the_nodes_the_user_holds_roles_on(xs, staff, user_with_role):
    response = login(staff).get(reverse("org:browser"))
    body = response.content.decode()
    features = response.context["map_config"]["features"]["features"]
    assert [f["properties"]["code"] for f in features] == [xs.community.code]
    assert f'hx-get="/org/nodes/{xs.community.code}/tree/"' in body
    assert 'hx-get="/org/nodes/CC/tree/"' not in body
    district_staff = user_with_role(Role.STAFF, xs.district, username="district-staff")
    district = login(district_staff).get(reverse("org:browser"))
    assert district.context["map_config"]["features"]["features"][0]["properties"]["code"] == "CC"


@pytest.mark.parametrize(
    "name", ["org:node_detail", "org:node_tree", "org:node_children_geojson", "org:node_people"]
)
def test_node_pages_outside_the_users_subtree_answer_404(xs, staff, worker, name):
    assert login(staff).get(reverse(name, args=[xs.district.code])).status_code == 404
    assert login(worker).get(reverse(name, args=[xs.grids[1].code])).status_code == 404
    assert login(worker).get(reverse(name, args=[xs.grids[0].code])).status_code == 200
    assert login(staff).get(reverse(name, args=["NO-SUCH-NODE"])).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_node_pages_refuse_writes(xs, staff, method):
    response = getattr(login(staff), method)(reverse("org:node_detail", args=[xs.community.code]))
    assert response.status_code == 405


def test_node_page_query_count_is_flat(xs, residents, staff):
    client = login(staff)
    url = reverse("org:node_detail", args=[xs.community.code])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(8):
        node_create(parent=xs.community, level=Level.GRID, name=f"加{i}", code=f"EXTRA-G{i}")
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(response.context["children"]) == 11
    assert len(after.captured_queries) == len(before.captured_queries)
