"""Which roles a user may hand out where.

Who may give which role is a table (``GRANTABLE``): a community's staff may make grid workers,
dispatchers, handlers of a property company or volunteer team leaders in their community, but
not administrators, supervisors or auditors, who oversee the staff themselves. Holding a role
with every right (``*``) lets a user give any role. Domain apps add rights to roles without
changing who may hand them out.
"""

from __future__ import annotations

from gongzhi.org.access import user_scope
from gongzhi.org.roles import ROLE_PERMISSIONS, Role

# Role held → roles it may give (within the holder's subtree, and only with org.manage_roles).
GRANTABLE: dict[str, set[str]] = {
    Role.STAFF: {
        Role.STAFF,
        Role.DISPATCHER,
        Role.GRID_WORKER,
        Role.HANDLER,
        Role.ENFORCEMENT_OFFICER,
        Role.TEAM_LEADER,
        Role.STORE_CLERK,
        Role.CHARITY_OFFICER,
    },
}


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
    scope = user_scope(user)
    giveable: set[str] = set()
    for grant in scope.grants:
        if node.path.startswith(grant.path) and grant.grants("org.manage_roles"):
            giveable |= GRANTABLE.get(grant.role, set())
    return [role.value for role in Role if role in giveable]


def may_grant(user, role: str, node) -> bool:
    return role in grantable_roles(user, node)


def manages_roles_anywhere(user) -> bool:
    """Does ``user`` manage roles on any node (and so see the role pages)?"""
    scope = user_scope(user)
    return scope.is_global or bool(scope.paths_for("org.manage_roles"))
