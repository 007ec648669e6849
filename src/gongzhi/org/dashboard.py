"""The org app's panels on a signed-in user's home page."""

from __future__ import annotations

from gongzhi.core.dashboard import register_panel
from gongzhi.org import selectors
from gongzhi.org.delegation import manages_roles_anywhere


def roles_panel(request) -> dict | None:
    """The user's roles with the nodes they cover; left out for users without any."""
    roles = list(selectors.roles_of(request.user))
    if not roles:
        return None
    return {"assignments": roles}


def register() -> None:
    register_panel("org.roles", template="org/panels/roles.html", context=roles_panel, order=10)
    register_panel("org.manage", template="org/panels/manage.html", context=manage_panel, order=90)


def manage_panel(request) -> dict | None:
    """Links for those who manage roles or configure the platform."""
    manages_roles = manages_roles_anywhere(request.user)
    if not (manages_roles or request.user.is_staff):
        return None
    return {"manages_roles": manages_roles}
