"""Permission codes of the working-time clock and the roles that hold them.

- ``worktime.manage_calendar``: add, change and remove holidays and make-up workdays. The
  calendar is district-wide, so the permission counts only when held on a root node (the
  district) — community staff hold it on their community, which does not let them change the
  district's holidays. Superusers may always.
- ``worktime.manage_hours``: set the working hours of a node (usually a community) in the
  holder's subtree.
"""

from gongzhi.org.roles import Role

MANAGE_CALENDAR = "worktime.manage_calendar"
MANAGE_HOURS = "worktime.manage_hours"

GRANTS = {
    Role.STAFF: {MANAGE_CALENDAR, MANAGE_HOURS},
    Role.SUPERVISOR: {MANAGE_CALENDAR, MANAGE_HOURS},
}


def can_manage_calendar(user) -> bool:
    """May ``user`` change the district-wide calendar? (the permission on a root node)."""
    from gongzhi.org.access import user_scope
    from gongzhi.org.models import Node

    scope = user_scope(user)
    if scope.is_global:
        return True
    return any(len(path) == Node.steplen for path in scope.paths_for(MANAGE_CALENDAR))


def can_manage_hours(user, node) -> bool:
    """May ``user`` set the working hours of ``node``? (the permission on it or above it)."""
    from gongzhi.org.access import can

    return can(user, MANAGE_HOURS, node)
