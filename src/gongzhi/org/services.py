"""Writes to the org tree: nodes and their boundaries, people, households, roles.

Every function here checks its input, runs in one transaction and writes an audit entry.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org import access, delegation
from gongzhi.org.choices import ALLOWED_CHILD_LEVELS
from gongzhi.org.geometry import bounds_of, outside_parent_problem, parse_boundary
from gongzhi.org.models import BoundaryStamp, Household, Node, Person, RoleAssignment
from gongzhi.org.roles import Role


def bump_boundary_version() -> int:
    """Tell every process that boundaries changed, so that point→grid indexes rebuild."""
    stamp, _created = BoundaryStamp.objects.get_or_create(pk=1)
    # The time goes with the number: a bump that was rolled back and a later one that
    # committed reach the same number, and an index built in between must not look current.
    BoundaryStamp.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
    stamp.refresh_from_db(fields=["version"])
    return stamp.version


def _checked_boundary(boundary, parent: Node | None):
    """Validate ``boundary`` (may be None) against the parent; return (geojson, bounds)."""
    if boundary is None:
        return None, (None, None, None, None)
    geometry = parse_boundary(boundary)
    if parent is not None and parent.boundary:
        problem = outside_parent_problem(geometry, parse_boundary(parent.boundary))
        if problem:
            raise ValidationError({"boundary": problem})
    if boundary.get("type") == "Feature":
        boundary = boundary["geometry"]
    return boundary, bounds_of(geometry)


def _set_bounds(node: Node, bounds) -> None:
    node.min_lon, node.min_lat, node.max_lon, node.max_lat = bounds


def node_create(
    *,
    parent: Node | None,
    level: str,
    name: str,
    code: str,
    boundary: dict | None = None,
    household_count: int = 0,
    population: int = 0,
    actor=None,
) -> Node:
    """Add a node under ``parent`` (or a root when None), validating level and boundary."""
    if parent is not None and level not in ALLOWED_CHILD_LEVELS[parent.level]:
        raise ValidationError(
            {
                "level": _("A %(child)s cannot sit under a %(parent)s.")
                % {"child": level, "parent": parent.level}
            }
        )
    if Node.objects.filter(code=code).exists():
        raise ValidationError({"code": _("The code %(code)s is already used.") % {"code": code}})
    geojson, bounds = _checked_boundary(boundary, parent)
    fields = {
        "level": level,
        "name": name,
        "code": code,
        "boundary": geojson,
        "household_count": household_count,
        "population": population,
    }
    with transaction.atomic():
        node = Node(**fields)
        _set_bounds(node, bounds)
        if parent is None:
            node = Node.objects.add_root(instance=node)
        else:
            node = Node.objects.add_child(Node.objects.get(pk=parent.pk), instance=node)
        if geojson is not None:
            bump_boundary_version()
        log_action(
            "org.node.created",
            actor=actor,
            obj=node,
            new={
                "level": level,
                "name": name,
                "code": code,
                "parent": parent.code if parent else None,
            },
        )
    return node


def node_set_boundary(*, node: Node, boundary: dict | None, actor=None) -> Node:
    """Replace a node's boundary; indexes in every process rebuild on their next lookup."""
    parent = Node.objects.get_parent(node)
    geojson, bounds = _checked_boundary(boundary, parent)
    with transaction.atomic():
        node = Node.objects.select_for_update().get(pk=node.pk)
        old = node.boundary
        node.boundary = geojson
        _set_bounds(node, bounds)
        node.save(update_fields=["boundary", "min_lon", "min_lat", "max_lon", "max_lat"])
        bump_boundary_version()
        log_action(
            "org.node.boundary_changed",
            actor=actor,
            obj=node,
            old={"boundary": old},
            new={"boundary": geojson},
        )
    return node


def node_update(*, node: Node, actor=None, **changes) -> Node:
    """Change a node's name, counts or description."""
    allowed = {"name", "household_count", "population", "description"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        node = Node.objects.select_for_update().get(pk=node.pk)
        old = {k: getattr(node, k) for k in changes}
        for key, value in changes.items():
            setattr(node, key, value)
        node.full_clean(exclude=["path", "depth", "numchild"])
        node.save(update_fields=list(changes))
        log_action("org.node.updated", actor=actor, obj=node, old=old, new=changes)
    return node


def household_create(*, building: Node, unit: str, address: str = "", actor=None) -> Household:
    """Register a household in a building."""
    with transaction.atomic():
        household = Household(building=building, unit=unit, address=address)
        household.full_clean()
        household.save()
        log_action(
            "org.household.created",
            actor=actor,
            obj=household,
            new={"unit": unit, "building": building.code},
        )
    return household


PERSON_FIELDS = {
    "name",
    "gender",
    "birth_date",
    "phone",
    "id_number",
    "email",
    "address",
    "relation",
    "is_resident",
    "party_member_kind",
    "is_grid_worker",
    "is_staff_member",
    "is_volunteer",
    "public_name",
    "user",
}


def _normalise_id_number(fields: dict) -> None:
    if fields.get("id_number"):
        fields["id_number"] = str(fields["id_number"]).strip().upper()


def _id_number_taken() -> ValidationError:
    return ValidationError(
        {"id_number": _("Someone with this ID number is already registered.")}, code="unique"
    )


def _clean_person(person: Person) -> None:
    """Field checks, then the one-person-per-ID-number rule named on its field."""
    person.full_clean(validate_constraints=False)
    if person.id_number:
        taken = Person.objects.filter(id_number=person.id_number).exclude(pk=person.pk)
        if taken.exists():
            raise _id_number_taken()


def _save_person(person: Person, **kwargs) -> None:
    """Save; two registrations of one ID number racing each other meet the database's
    constraint, and the loser gets the same error as a sequential duplicate."""
    try:
        with transaction.atomic():
            person.save(**kwargs)
    except IntegrityError as exc:
        if person.id_number and "id_number" in str(exc).lower():
            raise _id_number_taken() from exc
        raise


def person_create(
    *, node: Node | None = None, household: Household | None = None, actor=None, **fields
) -> Person:
    """Register a person; a household member's node is the household's building."""
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise ValidationError(_("Unknown person fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if household is not None:
        node = household.building
    if node is None:
        raise ValidationError({"node": _("A person needs a node or a household.")})
    _normalise_id_number(fields)
    with transaction.atomic():
        person = Person(node=node, household=household, **fields)
        _clean_person(person)
        _save_person(person)
        log_action(
            "org.person.created",
            actor=actor,
            obj=person,
            new={"node": node.code, "household": household.pk if household else None},
        )
    return person


def _audit_value(value):
    """Related objects (a login) are recorded by primary key."""
    return value.pk if isinstance(value, Model) else value


def person_update(*, person: Person, actor=None, **changes) -> Person:
    """Change a person's details."""
    unknown = set(changes) - PERSON_FIELDS
    if unknown:
        raise ValidationError(_("Unknown person fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        old = {k: _audit_value(getattr(person, k)) for k in changes}
        _normalise_id_number(changes)
        for key, value in changes.items():
            setattr(person, key, value)
        _clean_person(person)
        _save_person(person, update_fields=list(changes))
        new = {k: _audit_value(v) for k, v in changes.items()}
        log_action("org.person.updated", actor=actor, obj=person, old=old, new=new)
    return person


def _check_grantable(actor, role: str, node: Node) -> None:
    """Nobody gives or takes away a role that carries rights they do not hold at ``node``."""
    if actor is not None and not delegation.may_grant(actor, role, node):
        raise PermissionDenied(
            _(
                "You may not give or take away the role %(role)s: it carries rights you do not hold here."
            )
            % {"role": Role(role).label if role in Role.values else role}
        )


def role_assign(*, user, role: str, node: Node, party=None, actor=None) -> RoleAssignment:
    """Give ``user`` a role on ``node``; ``actor`` must be allowed to manage roles there."""
    if role not in Role.values:
        raise ValidationError({"role": _("%(role)s is not a known role.") % {"role": role}})
    if actor is not None and not access.can(actor, "org.manage_roles", node):
        raise PermissionDenied(_("You may not manage roles on %(node)s.") % {"node": node})
    _check_grantable(actor, role, node)
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, node=node, defaults={"party": party}
        )
        if not created and assignment.party_id != (party.pk if party else None):
            assignment.party = party
            assignment.save(update_fields=["party"])
        log_action(
            "org.role.assigned",
            actor=actor,
            obj=assignment,
            new={
                "user": user.username,
                "role": role,
                "node": node.code,
                "party": party.pk if party else None,
            },
        )
    access.forget_scope(user)
    return assignment


def role_revoke(*, assignment: RoleAssignment, actor=None) -> None:
    """Take a role away."""
    if actor is not None and not access.can(actor, "org.manage_roles", assignment.node):
        raise PermissionDenied(
            _("You may not manage roles on %(node)s.") % {"node": assignment.node}
        )
    _check_grantable(actor, assignment.role, assignment.node)
    with transaction.atomic():
        log_action(
            "org.role.revoked",
            actor=actor,
            obj=assignment,
            old={
                "user": assignment.user.username,
                "role": assignment.role,
                "node": assignment.node.code,
            },
        )
        assignment.delete()
    access.forget_scope(assignment.user)
