"""Write the compound's households and residents.

This is the demo's one fast path. ``household_create`` and ``person_create`` cost four queries
per row (two of them re-check foreign keys the demo has just created), which made the
residents most of the demo's build time. Here each row is still validated with
``full_clean()`` — every field, choice and length — except the existence of its building and
household, which the demo holds in hand, and uniqueness, which the database's constraints
enforce on insert; rows are inserted in batches; and each one gets the
same audit entry, with the same action code and data, as the service would write. Anything
added to those services' checks must be mirrored here (tests compare both paths' audit data).
"""

from __future__ import annotations

from django.db import transaction

from gongzhi.core.audit import log_action
from gongzhi.org.demo.plan import DemoPlan
from gongzhi.org.demo.run import DemoRun
from gongzhi.org.models import Household, Node, Person

BATCH = 500


def _insert(objects: list, model) -> None:
    # Uniqueness (an ID number once per register) is left to the database's constraints, which
    # refuse the batch: checked row by row it cost a query per resident.
    for obj in objects:
        obj.full_clean(
            exclude=["building", "node", "household", "user"],
            validate_unique=False,
            validate_constraints=False,
        )
    model.objects.bulk_create(objects, batch_size=BATCH)


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
    with transaction.atomic():
        new_households = []
        for planned in plan.households:
            building = nodes[planned.building]
            if (building.pk, planned.unit) not in households:
                household = Household(building=building, unit=planned.unit, address=planned.address)
                households[(building.pk, planned.unit)] = household
                new_households.append(household)
        _insert(new_households, Household)
        for household in new_households:
            log_action(
                "org.household.created",
                obj=household,
                new={"unit": household.unit, "building": household.building.code},
            )
        run.count("households", len(new_households))

        new_people = []
        for planned in plan.households:
            building = nodes[planned.building]
            household = households[(building.pk, planned.unit)]
            for member in planned.members:
                if member.id_number in known:
                    continue
                known.add(member.id_number)
                new_people.append(
                    Person(
                        node=building,
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
                )
        _insert(new_people, Person)
        for person in new_people:
            log_action(
                "org.person.created",
                obj=person,
                new={"node": person.node.code, "household": person.household.pk},
            )
        run.count("people", len(new_people))
    residents = Person.objects.filter(node__in=buildings).select_related("household", "node")
    return {person.id_number: person for person in residents}
