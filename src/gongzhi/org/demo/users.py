"""Write the demo logins: Django users, the people behind them and their role assignments."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from gongzhi.org.demo.logins import LOGINS, LoginSpec
from gongzhi.org.demo.plan import DemoPlan
from gongzhi.org.demo.run import DemoRun
from gongzhi.org.models import Node, Party, Person, RoleAssignment
from gongzhi.org.services import person_create, person_update, role_assign


def _where(spec: LoginSpec, nodes: dict[str, Node], person: Person | None) -> str:
    if spec.superuser:
        return _("everywhere")
    if spec.roles:
        codes = []
        for _role, code, _party in spec.roles:
            if code not in codes:
                codes.append(code)
        return "; ".join(
            " / ".join(node.name for node in nodes[code].ancestors(include_self=True)[1:])
            for code in codes
        )
    return person.address if person is not None else ""


def _role_label(spec: LoginSpec, parties: dict[str, Party]) -> str:
    if spec.superuser:
        return "superuser"
    if not spec.roles:
        return _("resident (no role)")
    labels = []
    for role, _code, party_key in spec.roles:
        labels.append(f"{role} ({parties[party_key].name})" if party_key else str(role))
    return ", ".join(labels)


def _person_for(spec, user, plan, nodes, residents) -> Person | None:
    """Link (or create) the person behind a login; skip what is already linked."""
    person = Person.objects.filter(user=user).first()
    if person is not None or not spec.person:
        return person
    if spec.person == "resident":
        person = residents[plan.resident_logins[spec.username]]
        if person.user_id is None:
            person = person_update(person=person, user=user)
        return person
    planned = plan.staff[spec.username]
    person = Person.objects.filter(id_number=planned.id_number).first()
    if person is not None:
        return person_update(person=person, user=user) if person.user_id is None else person
    flags = {k: v for k, v in spec.flags.items() if k != "party_member_kind"}
    return person_create(
        node=nodes[spec.person_node],
        user=user,
        name=planned.name,
        gender=planned.gender,
        birth_date=planned.birth_date,
        phone=planned.phone,
        id_number=planned.id_number,
        party_member_kind=planned.party_member_kind,
        **flags,
    )


def write_logins(
    run: DemoRun,
    plan: DemoPlan,
    nodes: dict[str, Node],
    residents: dict[str, Person],
    parties: dict[str, Party],
) -> dict[str, Person]:
    """Create missing users (by username), their people and roles; add rows to the login table.

    An existing user keeps their password: the demo never resets what someone changed.
    """
    User = get_user_model()
    people: dict[str, Person] = {}
    hashed = None
    for spec in LOGINS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            # One slow hash for all demo logins (they share the password anyway).
            hashed = hashed or make_password(run.password)
            user = User.objects.create(
                username=spec.username,
                password=hashed,
                is_staff=spec.superuser,
                is_superuser=spec.superuser,
            )
            run.count("users")
        person = _person_for(spec, user, plan, nodes, residents)
        if person is not None:
            people[spec.username] = person
        for role, code, party_key in spec.roles:
            node = nodes[code]
            if not RoleAssignment.objects.filter(user=user, role=role, node=node).exists():
                role_assign(
                    user=user, role=role, node=node, party=parties[party_key] if party_key else None
                )
                run.count("role assignments")
        run.add_login(spec.username, _role_label(spec, parties), _where(spec, nodes, person))
    return people
