"""The demo's logins: who they are, which roles they hold where, and the person behind each.

Pure data; ``users.py`` writes it. Usernames are pinyin so that they are easy to type on a
phone: wanggeyuan (网格员), shequ (社区), jiedao (街道), zhifa (执法), wuye (物业), jumin (居民),
duizhang (队长), dianyuan (店员).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongzhi.org.choices import Gender, PartyMemberKind
from gongzhi.org.demo import places
from gongzhi.org.demo.layout import rng_for
from gongzhi.org.demo.names import PersonMaker
from gongzhi.org.demo.residents import PlannedHousehold, PlannedPerson
from gongzhi.org.roles import Role

DEFAULT_PASSWORD = "gongzhi2026"


@dataclass(frozen=True)
class LoginSpec:
    """One demo login. ``roles`` are (role, node code, party key or None).

    ``person`` says who the login belongs to: ``"staff"`` creates a person on ``person_node``
    with ``flags``; ``"resident"`` links a resident of the compound (chosen in the plan);
    ``""`` has no person (the administrator).
    """

    username: str
    roles: tuple[tuple[str, str, str | None], ...] = ()
    person: str = "staff"
    person_node: str = ""
    flags: dict = field(default_factory=dict)
    gender: str = Gender.FEMALE
    age: int = 38
    superuser: bool = False


STAFF = {"is_staff_member": True, "is_resident": False}
OFFICIAL = {"is_resident": False}

LOGINS: tuple[LoginSpec, ...] = (
    LoginSpec("admin", person="", superuser=True),
    *(
        LoginSpec(
            f"wanggeyuan{n}",
            roles=((Role.GRID_WORKER, code, None),),
            person_node=code,
            flags={"is_grid_worker": True, "is_resident": False},
            gender=Gender.FEMALE if n % 2 else Gender.MALE,
            age=29 + 3 * n,
        )
        for n, code in enumerate(places.XINSHENG_GRID_CODES, start=1)
    ),
    LoginSpec(
        "shequ",
        roles=(
            (Role.STAFF, places.XINSHENG_CODE, None),
            (Role.DISPATCHER, places.XINSHENG_CODE, None),
        ),
        person_node=places.XINSHENG_CODE,
        flags={**STAFF, "party_member_kind": PartyMemberKind.EMPLOYED},
        age=45,
    ),
    LoginSpec(
        "jiedao",
        roles=((Role.SUPERVISOR, places.KAIFAQU_CODE, None),),
        person_node=places.KAIFAQU_CODE,
        flags={**OFFICIAL, "party_member_kind": PartyMemberKind.EMPLOYED},
        gender=Gender.MALE,
        age=50,
    ),
    LoginSpec(
        "zhifa",
        roles=((Role.ENFORCEMENT_OFFICER, places.XINCHENGQIAO_CODE, "enforcement-xinchengqiao"),),
        person_node=places.XINCHENGQIAO_CODE,
        flags=OFFICIAL,
        gender=Gender.MALE,
        age=36,
    ),
    LoginSpec(
        "wuye",
        roles=((Role.HANDLER, places.XINSHENG_CODE, "property-guanhe"),),
        person_node=places.XINSHENG_CODE,
        flags=OFFICIAL,
        gender=Gender.MALE,
        age=41,
    ),
    LoginSpec("jumin", person="resident"),
    LoginSpec(
        "duizhang", roles=((Role.TEAM_LEADER, places.XINSHENG_CODE, None),), person="resident"
    ),
    LoginSpec(
        "dianyuan",
        roles=((Role.STORE_CLERK, places.XINSHENG_CODE, None),),
        person_node=places.XINSHENG_CODE,
        flags={**STAFF, "is_volunteer": True},
        age=33,
    ),
)


def plan_staff(maker: PersonMaker) -> dict[str, PlannedPerson]:
    """A made-up person for every staff login, drawn from the plan's maker (unique IDs)."""
    people = {}
    for spec in LOGINS:
        if spec.person != "staff":
            continue
        rng = rng_for("login", spec.username)
        birth = maker.birth_date(rng, spec.age)
        people[spec.username] = PlannedPerson(
            name=maker.surname(rng) + maker.given_name(rng, spec.gender, birth),
            gender=spec.gender,
            birth_date=birth,
            phone=maker.phone(rng),
            id_number=maker.id_number(rng, birth, spec.gender),
            relation="",
            party_member_kind=spec.flags.get("party_member_kind", ""),
            is_volunteer=spec.flags.get("is_volunteer", False),
        )
    return people


def choose_residents(households: list[PlannedHousehold]) -> dict[str, str]:
    """Which resident (by ID number) each resident login belongs to.

    The resident login is the head of the compound's first household; the team leader is the
    first head of household in the second grid aged 30–65 (the plan marks them a volunteer).
    """
    chosen = {"jumin": households[0].members[0].id_number}
    second_grid = places.XINSHENG_GRID_CODES[1]
    for household in households:
        head = household.members[0]
        if household.building.startswith(second_grid + "-") and 30 <= head.age <= 65:
            chosen["duizhang"] = head.id_number
            break
    return chosen
