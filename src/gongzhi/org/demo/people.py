"""Write the compound's households and residents through the org services."""

from __future__ import annotations

from gongzhi.org.demo.plan import DemoPlan
from gongzhi.org.demo.run import DemoRun
from gongzhi.org.models import Household, Node, Person
from gongzhi.org.services import household_create, person_create


def write_residents(run: DemoRun, plan: DemoPlan, nodes: dict[str, Node]) -> dict[str, Person]:
    """Create missing households (by building and unit) and residents (by ID number).

    Returns the compound's residents by ID number.
    """
    buildings = [nodes[b.code] for b in plan.buildings]
    households = {
        (h.building_id, h.unit): h for h in Household.objects.filter(building__in=buildings)
    }
    known = set(
        Person.objects.filter(node__in=buildings)
        .exclude(id_number="")
        .values_list("id_number", flat=True)
    )
    for planned in plan.households:
        building = nodes[planned.building]
        household = households.get((building.pk, planned.unit))
        if household is None:
            household = household_create(
                building=building, unit=planned.unit, address=planned.address
            )
            households[(building.pk, planned.unit)] = household
            run.count("households")
        for member in planned.members:
            if member.id_number in known:
                continue
            person_create(
                household=household,
                name=member.name,
                gender=member.gender,
                birth_date=member.birth_date,
                phone=member.phone,
                id_number=member.id_number,
                address=planned.address,
                relation=member.relation,
                party_member_kind=member.party_member_kind,
                is_volunteer=member.is_volunteer,
                public_name=member.public_name,
            )
            known.add(member.id_number)
            run.count("people")
    residents = Person.objects.filter(node__in=buildings).select_related("household", "node")
    return {person.id_number: person for person in residents}
