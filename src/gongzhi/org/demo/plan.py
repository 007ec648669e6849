"""The whole demo as plain data, computed once per process: places, residents, hubs, staff.

The plan is deterministic (seeded random streams, no clock, no set iteration), so its digest is
the same on every machine with the same shapely/GEOS; tests compare it with the database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from gongzhi.org.demo import places
from gongzhi.org.demo.layout import PlannedBuilding, PlannedNode, plan_layout
from gongzhi.org.demo.logins import choose_residents, plan_staff
from gongzhi.org.demo.residents import PlannedHousehold, PlannedHub, PlannedPerson, plan_residents


@dataclass(frozen=True)
class DemoPlan:
    nodes: tuple[PlannedNode, ...]
    buildings: tuple[PlannedBuilding, ...]
    households: tuple[PlannedHousehold, ...]
    hubs: tuple[PlannedHub, ...]
    staff: dict[str, PlannedPerson]  # people behind the staff logins, by username
    resident_logins: dict[str, str]  # resident logins → the resident's ID number

    def node(self, code: str) -> PlannedNode:
        return next(node for node in self.nodes if node.code == code)


def _with_counts(nodes, households) -> list[PlannedNode]:
    """Set household and population counts on the compound's nodes from its residents."""
    totals: dict[str, list[int]] = {}
    parents = {node.code: node.parent for node in nodes}
    for household in households:
        code = household.building
        while code is not None:
            total = totals.setdefault(code, [0, 0])
            total[0] += 1
            total[1] += len(household.members)
            code = None if code == places.XINSHENG_CODE else parents[code]
    return [
        replace(node, household_count=totals[node.code][0], population=totals[node.code][1])
        if node.code in totals
        else node
        for node in nodes
    ]


def _mark_volunteers(households, ids: set[str]) -> list[PlannedHousehold]:
    marked = []
    for household in households:
        if any(person.id_number in ids for person in household.members):
            members = tuple(
                replace(p, is_volunteer=True) if p.id_number in ids else p
                for p in household.members
            )
            household = replace(household, members=members)
        marked.append(household)
    return marked


@lru_cache(maxsize=1)
def make_plan() -> DemoPlan:
    """The demo plan (cached: it is pure and takes about a second to compute)."""
    nodes, buildings = plan_layout()
    households, hubs, maker = plan_residents(buildings)
    resident_logins = choose_residents(households)
    households = _mark_volunteers(households, {resident_logins["duizhang"]})
    return DemoPlan(
        nodes=tuple(_with_counts(nodes, households)),
        buildings=tuple(buildings),
        households=tuple(households),
        hubs=tuple(hubs),
        staff=plan_staff(maker),
        resident_logins=resident_logins,
    )
