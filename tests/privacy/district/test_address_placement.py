"""Address-only reports (Open311 ``address_string``, 12345 work orders) land in the right grid
for every building of the demo district, in the usual ways of writing an address."""

import json

import pytest
from django.test import Client

from gongzhi.api.keys import apikey_create
from gongzhi.cases.choices import CategoryKind
from gongzhi.cases.models import Case, Category
from gongzhi.org.choices import Force, Level
from gongzhi.org.demo import places
from gongzhi.org.gazetteer import locate_address
from gongzhi.org.models import Node

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
CN = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三, 105 → 一百零五, 120 → 一百二十 (as people write them)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    if not hundreds:
        head = "" if tens == 0 else ("十" if tens == 1 else CN[tens] + "十")
        return head + (CN[ones] if ones or not head else "")
    out = CN[hundreds] + "百"
    if tens:
        out += CN[tens] + "十"
    elif ones:
        out += "零"
    return out + (CN[ones] if ones else "")


def forms(compound, number, community, street) -> list[str]:
    """The ways residents, apps and hotline operators write the building's address."""
    return [
        f"{places.DISTRICT_NAME}{community}{compound}{number}幢",
        f"{compound}{number}栋",
        f"{compound}小区{number}号楼",
        f"{street} {compound}{str(number).translate(FULL_WIDTH)}幢",
        f"{compound}{chinese(number)}幢",
        f"{community}{compound}{number}号楼2单元502室",
    ]


@pytest.fixture
def key(demo_nodes):
    Category.objects.create(
        code="lift",
        name="电梯故障",
        kind=CategoryKind.COMPONENT,
        responsible_force=Force.PROPERTY_MANAGER,
    )
    district = demo_nodes[places.DISTRICT_CODE]
    _k, raw = apikey_create(name="app", node=district, permissions=["cases.report", "cases.view"])
    return raw


def _buildings():
    out = []
    for building in Node.objects.filter(level=Level.BUILDING).order_by("path"):
        ancestors = {n.level: n for n in building.ancestors()}
        compound = building.name.removesuffix("幢").rstrip("0123456789")
        number = int(building.name.removesuffix("幢")[len(compound) :])
        out.append((building, ancestors, compound, number))
    return out


def test_every_demo_building_is_placed_in_its_grid_over_open311(key, demo_nodes):
    client = Client()
    buildings = _buildings()
    assert len(buildings) > 100
    for i, (building, ancestors, compound, number) in enumerate(buildings):
        community, street = ancestors[Level.COMMUNITY].name, ancestors[Level.STREET].name
        address = forms(compound, number, community, street)[i % 6]
        answer = client.post(
            "/open311/v2/requests.json",
            {"api_key": key, "service_code": "lift", "address_string": address},
        )
        assert answer.status_code == 201, (address, answer.content)
        row = json.loads(answer.content)[0]
        case = Case.objects.select_related("node").get(reference=row["service_request_id"])
        assert case.node == building, (address, case.node)
        assert case.node.path.startswith(ancestors[Level.GRID].path)
        assert building.name in row["service_notice"] or compound in row["service_notice"]


def test_every_form_finds_the_building(demo_nodes):
    for building, ancestors, compound, number in _buildings()[::7]:
        community, street = ancestors[Level.COMMUNITY].name, ancestors[Level.STREET].name
        for address in forms(compound, number, community, street):
            match = locate_address(address)
            assert match is not None and match.place.id == building.pk, address


def test_a_compound_or_grid_without_building_is_placed_above(demo_nodes):
    xinsheng = Node.objects.get(code=places.XINSHENG_CODE)
    assert locate_address("观河华府小区").place.id == xinsheng.pk
    grid3 = Node.objects.get(code=places.grid_code(places.XINSHENG_CODE, 3))
    match = locate_address("崇川区新胜社区第三网格")
    assert (match.place.id, match.how) == (grid3.pk, Level.GRID)


def test_an_unknown_address_waits_for_the_dispatcher_with_the_reason(key, demo_nodes):
    answer = Client().post(
        "/open311/v2/requests.json",
        {"api_key": key, "service_code": "lift", "address_string": "南京市鼓楼区中山路1号"},
    )
    row = json.loads(answer.content)[0]
    case = Case.objects.get(reference=row["service_request_id"])
    assert case.node.level == Level.DISTRICT
    assert "南京市鼓楼区中山路1号" in row["service_notice"]
    assert case.events.get(action="report").data["placement"]["how"] == "fallback"
