from gongzhi.org.models.access import RoleAssignment
from gongzhi.org.models.parties import HubHousehold, PartnerUnit, Party, PartyBinding, PartyOrg
from gongzhi.org.models.people import Household, Person
from gongzhi.org.models.tree import BoundaryStamp, Node

__all__ = [
    "BoundaryStamp",
    "Household",
    "HubHousehold",
    "Node",
    "PartnerUnit",
    "Party",
    "PartyBinding",
    "PartyOrg",
    "Person",
    "RoleAssignment",
]
