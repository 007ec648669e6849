from gongzhi.org.choices import Force, PartnerKind
from gongzhi.org.demo import places
from gongzhi.org.models import Node, PartnerUnit, Party


def _served(name):
    party = Party.objects.get(name=name)
    return party, sorted(party.nodes.values_list("code", flat=True))


def test_all_six_forces_are_bound_where_the_seed_puts_them(demo_db):
    assert set(Party.objects.values_list("force", flat=True)) == set(Force.values)
    expected = {
        "新胜社区党委": (Force.PARTY, [places.XINSHENG_CODE]),
        "崇川区住房和城乡建设局": (Force.REGULATOR, [places.DISTRICT_CODE]),
        "崇川经济开发区综合行政执法局": (Force.ENFORCEMENT, [places.KAIFAQU_CODE]),
        "新城桥街道综合行政执法局": (Force.ENFORCEMENT, [places.XINCHENGQIAO_CODE]),
        "观河华府业主委员会": (Force.OWNERS_COMMITTEE, sorted(places.XINSHENG_GRID_CODES)),
        "观河华府物业服务中心": (Force.PROPERTY_MANAGER, sorted(places.XINSHENG_GRID_CODES)),
        "新胜社区居民议事会": (Force.RESIDENTS, [places.XINSHENG_CODE]),
    }
    for name, (force, codes) in expected.items():
        party, served = _served(name)
        assert party.force == force, name
        assert served == codes, name
        assert party.contact_name and party.phone.startswith("0513-"), name


def test_every_built_street_has_its_enforcement_bureau(demo_db):
    for street in Node.objects.filter(level="street"):
        assert street.parties.filter(force=Force.ENFORCEMENT).count() == 1, street.name


def test_some_grids_have_partner_units_and_street_merchants(demo_db):
    grid_one = Node.objects.get(code=places.XINSHENG_GRID_CODES[0])
    kinds = set(PartnerUnit.objects.filter(node=grid_one).values_list("kind", flat=True))
    assert kinds == {PartnerKind.PARTNER_UNIT, PartnerKind.STREET_MERCHANT}
    assert PartnerUnit.objects.filter(name="雷锋车队", node__code__startswith=places.XINCHENG_CODE)
    assert PartnerUnit.objects.filter(node__level="grid").count() == PartnerUnit.objects.count()
