"""The six forces' parties of the demo and the grids' partner units and street merchants."""

from __future__ import annotations

from dataclasses import dataclass

from gongzhi.org.choices import Force, PartnerKind
from gongzhi.org.demo import places
from gongzhi.org.demo.layout import rng_for
from gongzhi.org.demo.names import PersonMaker
from gongzhi.org.demo.run import DemoRun
from gongzhi.org.models import Node, PartnerUnit, Party, PartyBinding
from gongzhi.org.party_services import partner_unit_create, party_bind, party_create


@dataclass(frozen=True)
class PartySpec:
    key: str
    name: str
    force: str
    serves: tuple[str, ...]  # node codes
    address: str = ""


def committee_name(community: places.Community) -> str:
    suffix = "党委" if community.name.endswith("社区") else "党支部"
    return community.name + suffix


def _party_specs() -> list[PartySpec]:
    compound_grids = places.XINSHENG_GRID_CODES
    specs = [
        PartySpec(
            "regulator-housing",
            "崇川区住房和城乡建设局",
            Force.REGULATOR,
            (places.DISTRICT_CODE,),
            "崇川区世纪大道",
        ),
        PartySpec(
            "owners-guanhe",
            f"{places.COMPOUND_NAME}业主委员会",
            Force.OWNERS_COMMITTEE,
            compound_grids,
            f"{places.COMPOUND_NAME}1幢架空层",
        ),
        PartySpec(
            "property-guanhe",
            f"{places.COMPOUND_NAME}物业服务中心",
            Force.PROPERTY_MANAGER,
            compound_grids,
            f"{places.COMPOUND_NAME}南门",
        ),
        PartySpec(
            "residents-xinsheng",
            "新胜社区居民议事会",
            Force.RESIDENTS,
            (places.XINSHENG_CODE,),
            "新胜社区党群服务中心",
        ),
    ]
    for street in places.STREETS:
        if street.built:
            specs.append(
                PartySpec(
                    f"enforcement-{street.slug}",
                    f"{street.name}综合行政执法局",
                    Force.ENFORCEMENT,
                    (places.street_code(street.slug),),
                )
            )
    for community in places.COMMUNITIES:
        specs.append(
            PartySpec(
                f"party-{community.slug}",
                committee_name(community),
                Force.PARTY,
                (places.community_code(community),),
                f"{community.name}党群服务中心",
            )
        )
    return specs


PARTY_SPECS = tuple(_party_specs())

# (grid code, kind, name): partner units and street merchants of a few grids. The partners
# outside 新胜社区 are the ones the seed article's stories mention.
XS = places.XINSHENG_GRID_CODES
PARTNERS = (
    (XS[0], PartnerKind.PARTNER_UNIT, "国网南通供电公司崇川开发区供电所"),
    (XS[0], PartnerKind.STREET_MERCHANT, "新胜便利店"),
    (XS[0], PartnerKind.STREET_MERCHANT, "老顾理发店"),
    (XS[1], PartnerKind.PARTNER_UNIT, "南通农商银行崇川开发区支行"),
    (XS[1], PartnerKind.STREET_MERCHANT, "惠民大药房观河华府店"),
    (XS[1], PartnerKind.STREET_MERCHANT, "阿英水果店"),
    (XS[2], PartnerKind.PARTNER_UNIT, "崇川经济开发区社区卫生服务中心"),
    (XS[2], PartnerKind.STREET_MERCHANT, "福满园面馆"),
    (XS[3], PartnerKind.PARTNER_UNIT, "南通市崇川区开发区实验小学"),
    (XS[3], PartnerKind.STREET_MERCHANT, "小蜜蜂洗车行"),
    (places.grid_code(places.XINCHENG_CODE, 1), PartnerKind.PARTNER_UNIT, "雷锋车队"),
    (places.grid_code(places.YIJIAQIAO_CODE, 1), PartnerKind.STREET_MERCHANT, "易家桥菜场"),
    (places.grid_code(places.YIJIAQIAO_CODE, 2), PartnerKind.STREET_MERCHANT, "小易五金店"),
    (
        places.grid_code(f"{places.DISTRICT_CODE}-xingfu-xingfujiayuan", 1),
        PartnerKind.PARTNER_UNIT,
        "沃雅成长中心",
    ),
    (
        places.grid_code(f"{places.DISTRICT_CODE}-tianshenggangzhen-tongsui", 1),
        PartnerKind.PARTNER_UNIT,
        "天生港消防救援站",
    ),
)


def _contact(key: str) -> tuple[str, str]:
    """A made-up contact person and an office number in Nantong (0513)."""
    rng = rng_for("contact", key)
    maker = PersonMaker()
    gender = rng.choice(("m", "f"))
    birth = maker.birth_date(rng, rng.randint(30, 55))
    name = maker.surname(rng) + maker.given_name(rng, gender, birth)
    return name, f"0513-8{rng.randrange(10**6, 10**7)}"


def write_parties(run: DemoRun, nodes: dict[str, Node]) -> dict[str, Party]:
    """Create missing parties (by name and force) and their bindings; return key → Party."""
    existing = {
        (party.name, party.force): party
        for party in Party.objects.filter(name__in=[spec.name for spec in PARTY_SPECS])
    }
    bound = set(
        PartyBinding.objects.filter(party__in=existing.values()).values_list("party_id", "node_id")
    )
    parties = {}
    for spec in PARTY_SPECS:
        party = existing.get((spec.name, spec.force))
        if party is None:
            contact_name, phone = _contact(spec.key)
            party = party_create(
                name=spec.name,
                force=spec.force,
                contact_name=contact_name,
                phone=phone,
                address=spec.address,
            )
            run.count("parties")
        for code in spec.serves:
            if (party.pk, nodes[code].pk) not in bound:
                party_bind(party=party, node=nodes[code])
                run.count("party bindings")
        parties[spec.key] = party
    return parties


def write_partners(run: DemoRun, nodes: dict[str, Node]) -> None:
    """Create the partner units and street merchants that do not exist yet (by name and grid)."""
    existing = set(
        PartnerUnit.objects.filter(name__in=[name for _c, _k, name in PARTNERS]).values_list(
            "name", "node__code"
        )
    )
    for code, kind, name in PARTNERS:
        if (name, code) in existing:
            continue
        contact_name, phone = _contact(f"partner-{name}")
        partner_unit_create(
            name=name, kind=kind, node=nodes[code], contact_name=contact_name, phone=phone
        )
        run.count("partner units")
