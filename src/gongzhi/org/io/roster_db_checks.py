"""Checks of roster rows against the database: buildings, the user's area, known people."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongzhi.org import access
from gongzhi.org.choices import Level
from gongzhi.org.io.problems import ProblemList
from gongzhi.org.io.roster_columns import BY_KEY
from gongzhi.org.io.roster_rows import RosterRow
from gongzhi.org.models import Household, Node, Person

IN_CHUNK = 500
IMPORT_PERMISSION = "org.import"


def _chunks(items, size: int = IN_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class RosterTargets:
    """The buildings the rows name and the households already in them."""

    buildings: dict[str, Node] = field(default_factory=dict)
    households: dict[tuple[int, str], Household] = field(default_factory=dict)


def _buildings(codes: set[str]) -> dict[str, Node]:
    """The nodes with these codes, buildings locked until the import's transaction ends.

    The lock makes two imports into the same buildings take turns, so that the second one's
    checks see the households and people the first one wrote.
    """
    found: dict[str, Node] = {}
    for chunk in _chunks(sorted(codes)):
        found.update({n.code: n for n in Node.objects.filter(code__in=chunk)})
    buildings = sorted(n.pk for n in found.values() if n.level == Level.BUILDING)
    for chunk in _chunks(buildings):
        list(Node.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
    return found


def _households(buildings: list[Node]) -> dict[tuple[int, str], Household]:
    by_id = {b.pk: b for b in buildings}
    found: dict[tuple[int, str], Household] = {}
    for chunk in _chunks(sorted(by_id)):
        for household in Household.objects.filter(building_id__in=chunk):
            household.building = by_id[household.building_id]
            found[(household.building_id, household.unit)] = household
    return found


def _known_ids(id_numbers: set[str]) -> set[str]:
    # Numbers typed elsewhere may end in a lower-case x.
    wanted = id_numbers | {n.lower() for n in id_numbers if n.endswith("X")}
    known: set[str] = set()
    for chunk in _chunks(sorted(wanted)):
        known.update(
            n.upper()
            for n in Person.objects.filter(id_number__in=chunk).values_list("id_number", flat=True)
        )
    return known


def _known_names(household_ids: set[int]) -> set[tuple[int, str]]:
    known: set[tuple[int, str]] = set()
    for chunk in _chunks(sorted(household_ids)):
        known.update(
            Person.objects.filter(household_id__in=chunk).values_list("household_id", "name")
        )
    return known


def check_against_database(
    rows: list[RosterRow], problems: ProblemList, *, user=None
) -> RosterTargets:
    """Report rows whose building is unknown, not a building or (with ``user``) outside the
    user's import area, and people already registered; return what the rows point at.

    Runs inside the import's transaction.
    """
    found = _buildings({row.building_code for row in rows})
    buildings: dict[str, Node] = {}
    header = BY_KEY["building_code"].header
    for code, node in found.items():
        if user is not None and not access.can(user, IMPORT_PERMISSION, node):
            continue  # answered like a missing building: no hint of other areas' codes
        buildings[code] = node
    for row in rows:
        node = buildings.get(row.building_code)
        if node is None:
            message = (
                _("No building with code %(code)s in your area.")
                if user is not None
                else _("No building with code %(code)s.")
            )
            problems.add(row.number, header, message % {"code": row.building_code})
        elif node.level != Level.BUILDING:
            problems.add(
                row.number,
                header,
                _("%(code)s is a %(level)s, not a building.")
                % {"code": row.building_code, "level": Level(node.level).label},
            )
    buildings = {c: n for c, n in buildings.items() if n.level == Level.BUILDING}
    households = _households(list(buildings.values()))
    known_ids = _known_ids({r.person["id_number"] for r in rows if r.person.get("id_number")})
    targeted = {
        households[key].pk
        for row in rows
        if row.building_code in buildings
        and (key := (buildings[row.building_code].pk, row.unit)) in households
    }
    known_names = _known_names(targeted)
    for row in rows:
        if row.person.get("id_number") in known_ids:
            problems.add(
                row.number,
                BY_KEY["id_number"].header,
                _("A person with this ID number is already registered."),
            )
        building = buildings.get(row.building_code)
        household = households.get((building.pk, row.unit)) if building else None
        if household is not None and (household.pk, row.person["name"]) in known_names:
            problems.add(
                row.number,
                BY_KEY["name"].header,
                _("A person with this name is already registered in this household."),
            )
    return RosterTargets(buildings=buildings, households=households)
