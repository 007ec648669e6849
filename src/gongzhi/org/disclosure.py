"""How much of a person's contact details a user sees.

Everyone who may see a person (``org.view_person``) sees their name, kinds and household. The
full phone number, ID number and address are for those who keep the records there
(``org.change_person``: community staff, the grid's worker); supervisors, dispatchers and
auditors see them masked.
"""

from gongzhi.org.access import can


def sees_full_contacts(user, node) -> bool:
    return can(user, "org.change_person", node)
