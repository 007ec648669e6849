"""Permission codes of the charity app and who holds them.

Two kinds of holder:

- roles on the org tree (``org.roles``): community staff run drives, stock and deliveries; the
  community's charity officer (慈善专干) also sees assistance files' sensitive fields;
- the staff of an organisation (``OrganisationStaff``), who act on their own organisation's
  drives only, wherever they are: the role scoped to an organisation rather than a node.

The volunteers named on a delivery may see it and record the sign-off on the spot.
"""

from __future__ import annotations

from gongzhi.org.access import can
from gongzhi.org.roles import Role

VIEW = "charity.view"  # drives, pledges, stock and deliveries in one's subtree
MANAGE = "charity.manage"  # organisations, drives and their goals and states
RECEIVE = "charity.receive"  # record pledges and goods received, stock movements
DELIVER = "charity.deliver"  # plan deliveries, record sign-off and proof
VIEW_ASSISTANCE = "charity.view_assistance"  # assistance files (without sensitive fields)
MANAGE_ASSISTANCE = "charity.manage_assistance"  # open files, record visits and consent
VIEW_SENSITIVE = "charity.view_sensitive"  # ID number, health, income, address, school

GRANTS = {
    Role.STAFF: {VIEW, MANAGE, RECEIVE, DELIVER, VIEW_ASSISTANCE, MANAGE_ASSISTANCE},
    Role.CHARITY_OFFICER: {
        VIEW,
        MANAGE,
        RECEIVE,
        DELIVER,
        VIEW_ASSISTANCE,
        MANAGE_ASSISTANCE,
        VIEW_SENSITIVE,
    },
    Role.SUPERVISOR: {VIEW},
    Role.AUDITOR: {VIEW},
}

# What the staff of an organisation may do on that organisation's own drives.
ORGANISATION_STAFF_PERMISSIONS = frozenset({VIEW, MANAGE, RECEIVE, DELIVER})


def _authenticated(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def is_organisation_staff(user, organisation_id) -> bool:
    """Is ``user`` on the staff of the organisation with ``organisation_id``?"""
    if not _authenticated(user) or not organisation_id:
        return False
    cache = getattr(user, "_charity_orgs", None)
    if cache is None:
        from gongzhi.charity.models import OrganisationStaff

        cache = set(
            OrganisationStaff.objects.filter(user=user).values_list("organisation_id", flat=True)
        )
        user._charity_orgs = cache
    return organisation_id in cache


def can_on_drive(user, permission: str, drive) -> bool:
    """May ``user`` do ``permission`` on ``drive`` (by a role on its node or as its
    organisation's staff)?"""
    if not _authenticated(user):
        return False
    if can(user, permission, drive.node):
        return True
    return permission in ORGANISATION_STAFF_PERMISSIONS and is_organisation_staff(
        user, drive.organisation_id
    )


def is_delivery_volunteer(user, delivery) -> bool:
    if not _authenticated(user):
        return False
    return delivery.volunteers.filter(user=user).exists()


def can_sign_off(user, delivery) -> bool:
    """The delivery's volunteers record the sign-off on the spot; so may those who deliver."""
    return can_on_drive(user, DELIVER, delivery.drive) or is_delivery_volunteer(user, delivery)


def can_see_sensitive(user, assistance_file) -> bool:
    """Only the file's caseworker and the community's charity officer."""
    if not _authenticated(user):
        return False
    if assistance_file.caseworker_id == user.pk:
        return True
    return can(user, VIEW_SENSITIVE, assistance_file.node)
