"""The compound's residents as data: households, their members, party members and hub households.

Each building draws from its own random stream, so the plan is the same on every run and a
change to one building does not reshuffle the others.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

from gongzhi.org.choices import Gender, PartyMemberKind
from gongzhi.org.demo.layout import PlannedBuilding, rng_for
from gongzhi.org.demo.names import REFERENCE_DATE, PersonMaker

# Share of flats with registered households; the rest are empty or not yet registered.
OCCUPANCY = 0.55
MIN_HOUSEHOLDS_PER_MICROGRID = 8
HOUSEHOLD_SIZES = ((1, 0.14), (2, 0.32), (3, 0.3), (4, 0.17), (5, 0.07))
PARTY_SHARE = 0.09
VOLUNTEER_SHARE = 0.07
HUB_LOOKS_AFTER = (5, 10)


@dataclass(frozen=True)
class PlannedPerson:
    name: str
    gender: str
    birth_date: date
    phone: str
    id_number: str
    relation: str
    party_member_kind: str = ""
    is_volunteer: bool = False
    public_name: bool = False

    @property
    def age(self) -> int:
        born = self.birth_date
        before_birthday = (REFERENCE_DATE.month, REFERENCE_DATE.day) < (born.month, born.day)
        return REFERENCE_DATE.year - born.year - before_birthday


@dataclass(frozen=True)
class PlannedHousehold:
    building: str
    unit: str  # e.g. 1单元302室
    address: str
    floor: int
    members: tuple[PlannedPerson, ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.building, self.unit)


@dataclass(frozen=True)
class PlannedHub:
    microgrid: str
    household: tuple[str, str]
    member: str  # the party member's ID number
    looked_after: tuple[tuple[str, str], ...]


def _party_kind(rng: random.Random, age: int, gender: str) -> str:
    if age >= 60:
        if gender == Gender.MALE and rng.random() < 0.25:
            return PartyMemberKind.VETERAN
        return PartyMemberKind.RETIRED
    roll = rng.random()
    if gender == Gender.MALE and roll < 0.15:
        return PartyMemberKind.VETERAN
    return PartyMemberKind.MOBILE if roll > 0.8 else PartyMemberKind.EMPLOYED


def _person(maker, rng, *, age, gender, relation, surname=None) -> PlannedPerson:
    birth = maker.birth_date(rng, age)
    name = (surname or maker.surname(rng)) + maker.given_name(rng, gender, birth)
    adult = age >= 18
    has_phone = 14 <= age < 80 or (age >= 80 and rng.random() < 0.5)
    volunteer = adult and age < 76 and rng.random() < VOLUNTEER_SHARE
    return PlannedPerson(
        name=name,
        gender=gender,
        birth_date=birth,
        phone=maker.phone(rng) if has_phone else "",
        id_number=maker.id_number(rng, birth, gender),
        relation=relation,
        party_member_kind=_party_kind(rng, age, gender)
        if adult and rng.random() < PARTY_SHARE
        else "",
        is_volunteer=volunteer,
        public_name=volunteer and rng.random() < 0.4,
    )


def _members(maker: PersonMaker, rng: random.Random) -> tuple[PlannedPerson, ...]:
    sizes, weights = zip(*HOUSEHOLD_SIZES, strict=True)
    size = rng.choices(sizes, weights=weights)[0]
    head_age = rng.randint(26, 84) if size < 3 else rng.randint(30, 72)
    head_gender = Gender.MALE if rng.random() < 0.62 else Gender.FEMALE
    head = _person(maker, rng, age=head_age, gender=head_gender, relation="户主")
    people = [head]
    father_surname = head.name[0]
    if size >= 2:
        spouse_gender = Gender.FEMALE if head_gender == Gender.MALE else Gender.MALE
        spouse_age = max(22, head_age + rng.randint(-5, 4))
        spouse = _person(maker, rng, age=spouse_age, gender=spouse_gender, relation="配偶")
        people.append(spouse)
        if spouse_gender == Gender.MALE:
            father_surname = spouse.name[0]
    child_age = head_age - rng.randint(25, 33)
    for _k in range(min(size - 2, 2)):
        age = child_age if child_age >= 0 else rng.randint(0, 4)
        gender = rng.choice((Gender.MALE, Gender.FEMALE))
        people.append(
            _person(maker, rng, age=age, gender=gender, relation="子女", surname=father_surname)
        )
        child_age -= rng.randint(2, 6)
    if size == 5:
        if head_age <= 58:
            age = head_age + rng.randint(24, 30)
            people.append(_person(maker, rng, age=age, gender=Gender.FEMALE, relation="父母"))
        else:
            age = max(0, head_age - rng.randint(50, 60))
            gender = rng.choice((Gender.MALE, Gender.FEMALE))
            people.append(
                _person(
                    maker, rng, age=age, gender=gender, relation="孙子女", surname=father_surname
                )
            )
    return tuple(people)


def _building_households(maker, building: PlannedBuilding, minimum: int) -> list[PlannedHousehold]:
    rng = rng_for("households", building.code)
    flats = [
        (unit, floor, room)
        for unit in range(1, building.units + 1)
        for floor in range(1, building.floors + 1)
        for room in (1, 2)
    ]
    taken = [flat for flat in flats if rng.random() < OCCUPANCY]
    for flat in flats:
        if len(taken) >= minimum:
            break
        if flat not in taken:
            taken.append(flat)
    taken.sort()
    households = []
    for unit, floor, room in taken:
        label = f"{unit}单元{floor}0{room}室"
        households.append(
            PlannedHousehold(
                building=building.code,
                unit=label,
                address=f"{building.name}{label}",
                floor=floor,
                members=_members(maker, rng),
            )
        )
    return households


def _hub(microgrid: str, households: list[PlannedHousehold]):
    """Choose the microgrid's hub household; make its head a party member if needed."""
    rng = rng_for("hub", microgrid)
    fitting = [h for h in households if 35 <= h.members[0].age <= 78]
    members = [h for h in fitting if h.members[0].party_member_kind]
    hub = members[0] if members else rng.choice(fitting or households)
    head = hub.members[0]
    if not head.party_member_kind:
        kind = _party_kind(rng, head.age, head.gender)
        hub_new = replace(hub, members=(replace(head, party_member_kind=kind), *hub.members[1:]))
        households[households.index(hub)] = hub_new
        hub = hub_new
    others = sorted(
        (h for h in households if h is not hub),
        key=lambda h: (h.building != hub.building, abs(h.floor - hub.floor), h.building, h.unit),
    )
    count = min(len(others), rng.randint(*HUB_LOOKS_AFTER))
    return PlannedHub(
        microgrid=microgrid,
        household=hub.key,
        member=hub.members[0].id_number,
        looked_after=tuple(h.key for h in others[:count]),
    )


def plan_residents(buildings: list[PlannedBuilding]):
    """Households for every building of the compound, and one hub household per microgrid."""
    maker = PersonMaker()
    by_microgrid: dict[str, list[PlannedBuilding]] = {}
    for building in buildings:
        by_microgrid.setdefault(building.microgrid, []).append(building)
    households: list[PlannedHousehold] = []
    hubs: list[PlannedHub] = []
    for microgrid, members in by_microgrid.items():
        minimum = -(-MIN_HOUSEHOLDS_PER_MICROGRID // len(members))
        mg_households = []
        for building in members:
            mg_households.extend(_building_households(maker, building, minimum))
        hubs.append(_hub(microgrid, mg_households))
        households.extend(mg_households)
    return households, hubs, maker
