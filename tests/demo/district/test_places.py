from collections import Counter

from gongzhi.org.choices import Level
from gongzhi.org.demo import places
from gongzhi.org.models import Node

NAMED = {
    "城东街道": ["郭里园社区"],
    "文峰街道": ["新城社区"],
    "新城桥街道": ["易家桥新村"],
    "狼山镇街道": ["五山社区"],
    "幸福街道": ["幸福家苑社区"],
    "天生港镇街道": ["通燧社区"],
    "唐闸镇街道": ["公园社区"],
    "崇川经济开发区": ["新胜社区"],
}


def test_every_named_street_and_community_exists_under_the_district(demo_db):
    district = Node.objects.get(code=places.DISTRICT_CODE)
    assert (district.name, district.level, district.depth) == ("崇川区", Level.DISTRICT, 1)
    for street_name, community_names in NAMED.items():
        street = Node.objects.get(name=street_name, level=Level.STREET)
        assert Node.objects.get_parent(street) == district
        children = [c.name for c in Node.objects.get_children(street)]
        assert children == community_names
        for child in Node.objects.get_children(street):
            assert child.level == Level.COMMUNITY


def test_xinsheng_has_six_grids_and_exactly_72_microgrids(demo_db):
    xinsheng = Node.objects.get(code=places.XINSHENG_CODE)
    grids = list(Node.objects.get_children(xinsheng))
    assert [g.name for g in grids] == [places.grid_name(n) for n in range(1, 7)]
    assert xinsheng.subtree().filter(level=Level.MICROGRID).count() == 72
    per_grid = Counter(
        Node.objects.get_parent(n).code for n in xinsheng.subtree().filter(level="microgrid")
    )
    assert set(per_grid.values()) == {12}


def test_each_microgrid_holds_one_to_three_compound_buildings(demo_db):
    xinsheng = Node.objects.get(code=places.XINSHENG_CODE)
    for microgrid in xinsheng.subtree().filter(level=Level.MICROGRID):
        buildings = list(Node.objects.get_children(microgrid))
        assert 1 <= len(buildings) <= 3
        for building in buildings:
            assert building.level == Level.BUILDING
            assert building.name.startswith("观河华府") and building.name.endswith("幢")


def test_other_communities_have_a_few_grids_and_no_microgrids(demo_db):
    for community in Node.objects.filter(level=Level.COMMUNITY).exclude(code=places.XINSHENG_CODE):
        assert 2 <= Node.objects.get_children_count(community) <= 4
        assert not community.subtree().filter(level=Level.MICROGRID).exists()
    yijiaqiao = Node.objects.get(code=places.YIJIAQIAO_CODE)
    assert yijiaqiao.subtree().filter(level=Level.BUILDING, name__startswith="易家桥新村").exists()


def test_counts_of_the_compound_add_up_from_its_households(demo_db):
    xinsheng = Node.objects.get(code=places.XINSHENG_CODE)
    grids = list(Node.objects.get_children(xinsheng))
    assert xinsheng.household_count == sum(g.household_count for g in grids) > 0
    assert xinsheng.population == sum(g.population for g in grids)
    building = xinsheng.subtree().filter(level=Level.BUILDING).first()
    assert building.household_count == building.households.count()
    assert building.population == sum(h.members.count() for h in building.households.all())


def test_every_node_creation_was_audited(demo_db):
    from gongzhi.core.models import AuditEntry

    district = Node.objects.get(code=places.DISTRICT_CODE)
    nodes = district.subtree().count()
    assert AuditEntry.objects.filter(action="org.node.created").count() >= nodes
    assert AuditEntry.objects.for_object(district).filter(action="org.node.created").exists()
