"""Permission codes of the portal and the roles that hold them.

- ``portal.edit``: write stories (draft, send for review) and keep the grids' contact cards;
- ``portal.approve``: publish a story someone else wrote, return it, or take it down.
"""

from __future__ import annotations

from gongzhi.org.access import can, user_scope
from gongzhi.org.roles import Role

EDIT = "portal.edit"
APPROVE = "portal.approve"

GRANTS = {
    Role.STAFF: {EDIT, APPROVE},
    Role.SUPERVISOR: {APPROVE},
}


def may_edit_anywhere(request) -> bool:
    """Whether the top bar shows the story editor's link (the user may write somewhere)."""
    user = request.user
    if not user.is_authenticated:
        return False
    scope = user_scope(user)
    return scope.is_global or bool(scope.paths_for(EDIT) or scope.paths_for(APPROVE))


def may_edit(user, story) -> bool:
    return can(user, EDIT, story.node)


def may_approve(user, story) -> bool:
    return can(user, APPROVE, story.node)


def holds_no_role(request) -> bool:
    """Visitors and residents (no role anywhere)."""
    user = request.user
    if not user.is_authenticated:
        return True
    scope = user_scope(user)
    return not (scope.is_global or scope.grants)
