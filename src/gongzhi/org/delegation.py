"""Which roles a user may hand out where: never more than they hold themselves.

A community's staff may give a grid worker's or a dispatcher's role in their community, but not
an administrator's or an auditor's: those carry rights the staff do not have there. Holding a
role with every right (``*``) lets a user give any role below it.
"""

from __future__ import annotations

from gongzhi.org.access import user_scope
from gongzhi.org.roles import ROLE_PERMISSIONS, Role


def permissions_at(user, node) -> set[str]:
    """Every permission code ``user`` holds at ``node`` (``{"*"}`` included when it is all)."""
    scope = user_scope(user)
    if scope.is_global:
        return {"*"}
    held: set[str] = set()
    for grant in scope.grants:
        if node.path.startswith(grant.path):
            held |= ROLE_PERMISSIONS.get(grant.role, set())
    return held


def grantable_roles(user, node) -> list[str]:
    """The roles ``user`` may give (or take away) at ``node``, in the order of ``Role``."""
    held = permissions_at(user, node)
    if "org.manage_roles" not in held and "*" not in held:
        return []
    if "*" in held:
        return [role.value for role in Role]
    return [
        role.value
        for role in Role
        if "*" not in ROLE_PERMISSIONS.get(role, set())
        and ROLE_PERMISSIONS.get(role, set()) <= held
    ]


def may_grant(user, role: str, node) -> bool:
    return role in grantable_roles(user, node)


def manages_roles_anywhere(user) -> bool:
    """Does ``user`` manage roles on any node (and so see the role pages)?"""
    scope = user_scope(user)
    return scope.is_global or bool(scope.paths_for("org.manage_roles"))
