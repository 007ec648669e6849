"""Permission codes of the participation app and who holds them."""

from __future__ import annotations

from gongzhi.org.access import can, user_scope
from gongzhi.org.roles import Role

VIEW = "participation.view"  # staff pages: councils, demands, tasks, posts in the subtree
MANAGE = "participation.manage"  # councils, assessing demands, the catalogue, tasks
ATTENDANCE = "participation.attendance"  # record who attended a council
PROGRESS = "participation.progress"  # record a task's or a demand's progress
MODERATE = "participation.moderate"  # approve, reject, hide board posts
RAISE_FOR_OTHERS = "participation.raise_for_others"  # raise a demand for residents

GRANTS = {
    Role.STAFF: {VIEW, MANAGE, ATTENDANCE, PROGRESS, MODERATE, RAISE_FOR_OTHERS},
    Role.GRID_WORKER: {VIEW, ATTENDANCE, PROGRESS, RAISE_FOR_OTHERS},
    Role.SUPERVISOR: {VIEW},
    Role.AUDITOR: {VIEW},
    Role.DISPATCHER: {VIEW},
    Role.HANDLER: {PROGRESS},
}


def person_of(user):
    """The ``org.Person`` linked to ``user``, or None (cached on the user for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from gongzhi.org.models import Person

    cached = getattr(user, "_gongzhi_person", False)
    if cached is False:
        cached = Person.objects.filter(user=user).select_related("node").first()
        user._gongzhi_person = cached
    return cached


def may(user, permission: str, node) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return can(user, permission, node)


def may_progress_task(user, task) -> bool:
    """Staff and grid workers of the node, and the people of the owning party."""
    if may(user, PROGRESS, task.node):
        return True
    if user is None or not getattr(user, "is_authenticated", False) or not task.owner_party_id:
        return False
    scope = user_scope(user)
    return any(g.party_id == task.owner_party_id and g.grants(PROGRESS) for g in scope.grants)
