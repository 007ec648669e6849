"""Permission codes of the volunteering app and who holds them.

A team's leader members lead that team's activities without holding a role: ``can_lead_team``
asks both the role table (``volunteering.lead`` on the team's node) and the team's membership.
"""

from __future__ import annotations

from gongzhi.org.access import can
from gongzhi.org.roles import Role

MANAGE = "volunteering.manage"  # teams, venues, activities, records, certificates for others
LEAD = "volunteering.lead"  # run activities: create, publish, check people in and out, report
VIEW_RECORDS = "volunteering.view_records"  # read volunteers' records

GRANTS = {
    Role.STAFF: {MANAGE, LEAD, VIEW_RECORDS},
    Role.TEAM_LEADER: {LEAD},
    Role.SUPERVISOR: {VIEW_RECORDS},
    Role.AUDITOR: {VIEW_RECORDS},
}


def person_of(user):
    """The ``org.Person`` linked to ``user``, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from gongzhi.org.models import Person

    cached = getattr(user, "_gongzhi_person", False)
    if cached is False:
        cached = Person.objects.filter(user=user).select_related("node").first()
        user._gongzhi_person = cached
    return cached


def is_team_leader(user, team) -> bool:
    """Is ``user``'s person a leader member of ``team``?"""
    from gongzhi.volunteering.choices import TeamRole

    person = person_of(user)
    if person is None:
        return False
    return team.memberships.filter(person=person, role=TeamRole.LEADER).exists()


def can_lead_team(user, team) -> bool:
    """May ``user`` run ``team``'s activities?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return can(user, LEAD, team.node) or is_team_leader(user, team)


def can_lead(user, activity) -> bool:
    """May ``user`` run ``activity`` (roster, codes, check-out, hours, report)?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return can(user, LEAD, activity.node) or can_lead_team(user, activity.team)


def can_manage(user, node) -> bool:
    return can(user, MANAGE, node)
