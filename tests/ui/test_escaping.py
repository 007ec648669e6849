import json

from django.urls import reverse

from gongzhi.org.choices import Level
from gongzhi.org.roles import Role
from gongzhi.org.services import household_create, node_create, person_create, role_assign
from tests.ui.conftest import login
from tests.ui.factories import box

SCRIPT = '<script>alert("x")</script>'


def test_node_name_with_script_is_escaped_everywhere(xs, staff):
    evil = node_create(
        parent=xs.grids[0],
        level=Level.MICROGRID,
        name=SCRIPT,
        code="EVIL",
        boundary=box(120.95, 32.05, 0.004),
    )
    client = login(staff)
    pages = [
        client.get(reverse("org:node_detail", args=[evil.code])),
        client.get(reverse("org:node_detail", args=[xs.grids[0].code])),
        client.get(reverse("org:node_tree", args=[xs.grids[0].code])),
        client.get(reverse("org:roles")),
        client.get(reverse("org:role_add")),
    ]
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert SCRIPT not in body
    assert "&lt;script&gt;" in pages[1].content.decode()
    # The map config is embedded with json_script, which escapes < > &.
    assert "\\u003Cscript\\u003E" in pages[0].content.decode()
    # GeoJSON carries the name as data; the map script puts it into the DOM as text only.
    data = json.loads(
        client.get(reverse("org:node_children_geojson", args=[xs.grids[0].code])).content
    )
    assert SCRIPT in [f["properties"]["name"] for f in data["features"]]


def test_person_and_household_text_with_script_is_escaped(xs, staff):
    household = household_create(building=xs.buildings[0], unit=SCRIPT)
    person = person_create(
        household=household,
        name="<b>x</b>",
        phone="<img src=x>",
        relation="<i>r</i>",
        address=SCRIPT,
    )
    client = login(staff)
    for url in (
        reverse("org:person_detail", args=[person.pk]),
        reverse("org:household_detail", args=[household.pk]),
        reverse("org:node_people", args=[xs.community.code]),
        reverse("org:node_households", args=[xs.community.code]),
        reverse("org:node_detail", args=[xs.community.code]),
    ):
        body = client.get(url).content.decode()
        assert SCRIPT not in body, url
        assert "<b>x</b>" not in body, url
        assert "<img src=x" not in body, url
        assert "<i>r</i>" not in body, url


def test_search_term_is_escaped(xs, staff):
    body = (
        login(staff)
        .get(reverse("org:node_people", args=[xs.community.code]), {"q": '"><script>'})
        .content.decode()
    )
    assert '"><script>' not in body


def test_role_added_for_user_with_script_in_username_is_escaped(xs, staff, make_user):
    user = make_user(username="<script>u")
    role_assign(user=user, role=Role.GRID_WORKER, node=xs.grids[0])
    body = login(staff).get(reverse("org:roles")).content.decode()
    assert "<script>u" not in body
