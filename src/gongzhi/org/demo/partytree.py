"""The party tree of the demo: a committee on each community, and on 新胜社区 a branch per grid,
a group per microgrid (72) and a hub household (党员中心户) per group."""

from __future__ import annotations

from gongzhi.org.choices import PartyOrgKind
from gongzhi.org.demo import places
from gongzhi.org.demo.parties import committee_name
from gongzhi.org.demo.plan import DemoPlan
from gongzhi.org.demo.run import DemoRun
from gongzhi.org.models import Household, HubHousehold, Node, PartyOrg, Person
from gongzhi.org.party_services import hub_household_create, party_org_create


def _secretaries(plan: DemoPlan, residents: dict[str, Person]) -> dict[str, Person]:
    """Branch secretaries: the first party member of each grid who leads no hub household."""
    hub_members = {hub.member for hub in plan.hubs}
    grid_of = {building.code: building.grid for building in plan.buildings}
    chosen: dict[str, Person] = {}
    for household in plan.households:
        grid = grid_of[household.building]
        if grid in chosen:
            continue
        for member in household.members:
            if member.party_member_kind and member.id_number not in hub_members:
                chosen[grid] = residents[member.id_number]
                break
    return chosen


def write_party_tree(
    run: DemoRun,
    plan: DemoPlan,
    nodes: dict[str, Node],
    residents: dict[str, Person],
    staff: dict[str, Person],
) -> None:
    """Create missing party organisations (one per node) and hub households (one per household)."""
    orgs = {org.node_id: org for org in PartyOrg.objects.filter(node__in=list(nodes.values()))}

    def ensure(code, kind, name, secretary=None):
        node = nodes[code]
        if node.pk not in orgs:
            orgs[node.pk] = party_org_create(node=node, kind=kind, name=name, secretary=secretary)
            run.count("party organisations")
        return orgs[node.pk]

    for community in places.COMMUNITIES:
        code = places.community_code(community)
        secretary = staff.get("shequ") if code == places.XINSHENG_CODE else None
        ensure(code, PartyOrgKind.COMMITTEE, committee_name(community), secretary)

    secretaries = _secretaries(plan, residents)
    for number, grid in enumerate(places.XINSHENG_GRID_CODES, start=1):
        ensure(
            grid, PartyOrgKind.BRANCH, f"{places.grid_name(number)}党支部", secretaries.get(grid)
        )

    hubs_by_microgrid = {hub.microgrid: hub for hub in plan.hubs}
    households = {
        (h.building.code, h.unit): h
        for h in Household.objects.filter(
            building__in=[nodes[b.code] for b in plan.buildings]
        ).select_related("building")
    }
    existing_hubs = set(
        HubHousehold.objects.filter(household__in=households.values()).values_list(
            "household_id", flat=True
        )
    )
    for planned in plan.nodes:
        if planned.level != "microgrid":
            continue
        grid_number = places.XINSHENG_GRID_CODES.index(planned.parent) + 1
        hub = hubs_by_microgrid[planned.code]
        member = residents[hub.member]
        group = ensure(
            planned.code,
            PartyOrgKind.GROUP,
            f"{places.grid_name(grid_number)}{planned.name}党小组",
            member,
        )
        household = households[hub.household]
        if household.pk in existing_hubs:
            continue
        hub_household_create(
            household=household,
            member=member,
            group=group,
            looked_after=[households[key] for key in hub.looked_after],
        )
        run.count("hub households")
