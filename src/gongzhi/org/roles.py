"""Roles and what each may do. A role held on a node covers that node's whole subtree.

Permissions are dotted codes (``org.view_person``, ``cases.dispatch``). Each domain app declares
the codes it checks in its own ``permissions.py`` and registers them from ``AppConfig.ready()``
with ``register_permissions``, so that this one table says who may do what.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    SUPERVISOR = "supervisor", _("supervisor")
    STAFF = "staff", _("community staff")
    DISPATCHER = "dispatcher", _("dispatcher")
    GRID_WORKER = "grid_worker", _("grid worker")
    HANDLER = "handler", _("handler")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("law-enforcement officer")
    TEAM_LEADER = "team_leader", _("volunteer team leader")
    STORE_CLERK = "store_clerk", _("points store clerk")
    CHARITY_OFFICER = "charity_officer", _("charity officer")
    AUDITOR = "auditor", _("auditor")


VIEW_PEOPLE = {"org.view_node", "org.view_person", "org.view_household", "org.view_party"}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: {"*"},
    Role.SUPERVISOR: VIEW_PEOPLE | {"org.view_audit"},
    Role.STAFF: VIEW_PEOPLE
    | {"org.change_node", "org.change_person", "org.manage_roles", "org.import"},
    Role.DISPATCHER: VIEW_PEOPLE,
    Role.GRID_WORKER: VIEW_PEOPLE | {"org.change_person"},
    Role.HANDLER: {"org.view_node", "org.view_party"},
    Role.ENFORCEMENT_OFFICER: {"org.view_node", "org.view_party"},
    Role.TEAM_LEADER: {"org.view_node"},
    Role.STORE_CLERK: {"org.view_node"},
    Role.CHARITY_OFFICER: VIEW_PEOPLE,
    Role.AUDITOR: VIEW_PEOPLE | {"org.view_audit"},
}


def role_grants(role: str, permission: str) -> bool:
    granted = ROLE_PERMISSIONS.get(role, set())
    return "*" in granted or permission in granted


def register_permissions(grants: dict[str, set[str]]) -> None:
    """Add a domain app's permission codes to the roles that hold them."""
    for role, codes in grants.items():
        ROLE_PERMISSIONS.setdefault(role, set()).update(codes)


def roles_with(permission: str) -> set[str]:
    """The roles that grant ``permission`` (for finding who to notify)."""
    return {role for role in ROLE_PERMISSIONS if role_grants(role, permission)}
