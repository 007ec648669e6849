"""Who to tell: the users holding a permission nearest up the tree, a party's handlers."""

from __future__ import annotations

from gongzhi.org.models import RoleAssignment
from gongzhi.org.roles import roles_with


def ancestor_paths(node, include_self: bool = True) -> list[str]:
    upto = node.depth if include_self else node.depth - 1
    return [node.path[: i * node.steplen] for i in range(1, upto + 1)]


def nearest_holders(node, permission: str, *, include_self: bool = True) -> list:
    """Users with a role granting ``permission`` on the nearest node up from ``node`` that has
    any such user (the grid's workers before the community's staff)."""
    assignments = list(
        RoleAssignment.objects.filter(
            node__path__in=ancestor_paths(node, include_self),
            role__in=roles_with(permission) - {"admin"},
        )
        .select_related("user", "node")
        .order_by("-node__depth", "user_id")
    )
    if not assignments:
        return []
    depth = assignments[0].node.depth
    return [a.user for a in assignments if a.node.depth == depth]


def holders_at(node, permission: str) -> list:
    """Users with a role granting ``permission`` held on exactly ``node``."""
    return [
        a.user
        for a in RoleAssignment.objects.filter(
            node=node, role__in=roles_with(permission) - {"admin"}
        ).select_related("user")
    ]


def party_handlers(party, permission: str = "cases.handle") -> list:
    """The users who handle cases for ``party``."""
    if party is None:
        return []
    return [
        a.user
        for a in RoleAssignment.objects.filter(
            party=party, role__in=roles_with(permission) - {"admin"}
        ).select_related("user")
    ]
