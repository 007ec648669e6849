"""Reads of the org tree for pages and endpoints; each one a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongzhi.org.access import subtree_q, user_scope
from gongzhi.org.choices import Force, Level
from gongzhi.org.models import (
    Household,
    HubHousehold,
    Node,
    PartnerUnit,
    Party,
    PartyBinding,
    PartyOrg,
    Person,
    RoleAssignment,
)

# The node map draws at most this many levels below the node (children and grandchildren:
# a community's grids and their microgrids), so that a page never asks for a whole city.
MAX_MAP_DEPTH = 2


def root_nodes() -> QuerySet[Node]:
    return Node.objects.filter(depth=1).order_by("path")


VIEW_NODE = "org.view_node"


def visible_roots(user) -> QuerySet[Node]:
    """The tops of the subtrees ``user`` may browse: the tree's roots for a global user, else
    the nodes their roles sit on (a role covers its subtree)."""
    from gongzhi.org.access import user_scope

    scope = user_scope(user)
    if scope.is_global:
        return root_nodes()
    return Node.objects.filter(path__in=scope.paths_for(VIEW_NODE)).order_by("path")


def visible_node(user, code: str) -> Node:
    """The node with ``code`` if ``user`` may see it (a role on it or above it); 404 for a
    missing and a forbidden node alike, as everywhere else."""
    from django.http import Http404

    from gongzhi.org.access import can

    node = Node.objects.filter(code=str(code)[:64]).first()
    if node is None or not can(user, VIEW_NODE, node):
        raise Http404
    return node


def children_of(node: Node) -> QuerySet[Node]:
    """The node's direct children, in tree order."""
    return Node.objects.filter(path__startswith=node.path, depth=node.depth + 1).order_by("path")


def nodes_under(path: str) -> QuerySet[Node]:
    """The node with tree path ``path`` and everything below it."""
    return Node.objects.filter(path__startswith=path)


def descendants_within(node: Node, levels: int) -> QuerySet[Node]:
    """Everything from one to ``levels`` levels below ``node``, in one query."""
    levels = max(1, min(levels, MAX_MAP_DEPTH))
    return Node.objects.filter(
        path__startswith=node.path, depth__gt=node.depth, depth__lte=node.depth + levels
    ).order_by("path")


def node_feature(node: Node, *, relative_depth: int = 0) -> dict:
    """One node as a GeoJSON Feature (geometry may be null when it has no boundary)."""
    return {
        "type": "Feature",
        "id": node.code,
        "geometry": node.boundary,
        "properties": {
            "code": node.code,
            "name": node.name,
            "level": node.level,
            "level_label": str(node.get_level_display()),
            "url": node.get_absolute_url(),
            "households": node.household_count,
            "population": node.population,
            "children": node.numchild,
            "relative_depth": relative_depth,
        },
    }


def feature_collection(nodes, *, below: Node | None = None) -> dict:
    """A FeatureCollection of the nodes that have a boundary."""
    base_depth = below.depth if below is not None else 0
    return {
        "type": "FeatureCollection",
        "features": [
            node_feature(n, relative_depth=n.depth - base_depth) for n in nodes if n.boundary
        ],
    }


@dataclass
class ForceParties:
    """The parties of one force that serve a node, nearest binding first."""

    force: str
    label: str
    bindings: list[PartyBinding]


def parties_serving(node: Node) -> list[ForceParties]:
    """For each of the six forces, the active parties bound to ``node`` or any node above it."""
    paths = [node.path[:i] for i in range(node.steplen, len(node.path) + 1, node.steplen)]
    bindings = (
        PartyBinding.objects.filter(node__path__in=paths, party__is_active=True)
        .select_related("party", "node")
        .order_by("-node__depth", "party__name")
    )
    by_force: dict[str, list[PartyBinding]] = {force.value: [] for force in Force}
    for binding in bindings:
        by_force.setdefault(binding.party.force, []).append(binding)
    return [
        ForceParties(force=force.value, label=str(force.label), bindings=by_force[force.value])
        for force in Force
    ]


def partners_of(node: Node) -> QuerySet[PartnerUnit]:
    return PartnerUnit.objects.filter(node=node).order_by("kind", "name")


def party_org_of(node: Node) -> PartyOrg | None:
    return (
        PartyOrg.objects.filter(node=node)
        .select_related("secretary")
        .annotate(hub_count=Count("hub_households"))
        .first()
    )


def people_under(user, node: Node, *, search: str = "") -> QuerySet[Person]:
    """People in ``node``'s subtree that ``user`` may see."""
    people = (
        Person.objects.visible_to(user)
        .filter(node__path__startswith=node.path)
        .select_related("node", "household")
    )
    if search:
        people = people.filter(Q(name__icontains=search) | Q(phone__contains=search))
    return people.order_by("node__path", "name", "pk")


def households_under(user, node: Node, *, search: str = "") -> QuerySet[Household]:
    """Households in ``node``'s subtree that ``user`` may see, with their member counts."""
    households = (
        Household.objects.visible_to(user)
        .filter(building__path__startswith=node.path)
        .select_related("building", "hub")
        .annotate(member_count=Count("members"))
    )
    if search:
        households = households.filter(Q(unit__icontains=search) | Q(address__icontains=search))
    return households.order_by("building__path", "unit", "pk")


def person_with_household(user, person: Person) -> dict:
    """What the person page shows about ``person``'s household, in a fixed number of queries."""
    if person.household is None:
        return {"members": [], "hub": None, "looked_after": [], "looked_after_by": []}
    return household_context(user, person.household, exclude=person)


def household_context(user, household: Household, *, exclude: Person | None = None) -> dict:
    """A household's members, its hub role (when it is a hub household) with the households it
    looks after, and the hub households that look after it — each narrowed to what ``user``
    may see."""
    members = (
        Person.objects.visible_to(user)
        .filter(household=household)
        .select_related("node")
        .order_by("pk")
    )
    if exclude is not None:
        members = members.exclude(pk=exclude.pk)
    hub = (
        HubHousehold.objects.filter(household=household)
        .select_related("member", "group", "group__node")
        .first()
    )
    looked_after = []
    if hub is not None:
        looked_after = list(
            Household.objects.visible_to(user)
            .filter(hub_households=hub)
            .select_related("building")
            .order_by("building__path", "unit")
        )
    looked_after_by = list(
        HubHousehold.objects.filter(looked_after=household).select_related(
            "household__building", "member", "group"
        )
    )
    return {
        "members": list(members),
        "hub": hub,
        "looked_after": looked_after,
        "looked_after_by": looked_after_by,
    }


def roles_of(user) -> QuerySet[RoleAssignment]:
    """The user's own role assignments, with their nodes and parties."""
    return RoleAssignment.objects.filter(user=user).select_related("node", "party")


def manageable_assignments(user) -> QuerySet[RoleAssignment]:
    """Role assignments on nodes where ``user`` may manage roles."""
    assignments = RoleAssignment.objects.select_related("user__person", "node", "party")
    scope = user_scope(user)
    if not scope.is_global:
        assignments = assignments.filter(subtree_q("node", scope.paths_for("org.manage_roles")))
    return assignments.order_by("node__path", "role", "user__username")


def manageable_nodes(user, *, exclude_levels=(Level.BUILDING,)) -> QuerySet[Node]:
    """Nodes on which ``user`` may give roles (buildings left out: roles sit on grids and up)."""
    nodes = Node.objects.exclude(level__in=exclude_levels)
    scope = user_scope(user)
    if not scope.is_global:
        nodes = nodes.filter(subtree_q("", scope.paths_for("org.manage_roles")))
    return nodes.order_by("path")


def parties_within_reach(user) -> QuerySet[Party]:
    """Active parties bound somewhere inside the subtrees where ``user`` may manage roles.

    A user may be attached to such a party (a property company's handler); a party bound only
    further up (the street's enforcement bureau) is for the staff up there to staff.
    """
    parties = Party.objects.filter(is_active=True)
    scope = user_scope(user)
    if not scope.is_global:
        parties = parties.filter(
            pk__in=PartyBinding.objects.filter(
                subtree_q("node", scope.paths_for("org.manage_roles"))
            ).values("party_id")
        )
    return parties.order_by("force", "name")
