from gongzhi.charity.models.assistance import AssistanceFile, SensitiveDetails, Visit
from gongzhi.charity.models.deliveries import Delivery, DeliveryItem, DeliveryPhoto
from gongzhi.charity.models.drives import Drive, DriveGoal, ItemKind
from gongzhi.charity.models.inventory import Movement, StockLevel, StoragePlace
from gongzhi.charity.models.organisations import Organisation, OrganisationStaff
from gongzhi.charity.models.pledges import Acknowledgement, Pledge, PledgeItem

__all__ = [
    "Acknowledgement",
    "AssistanceFile",
    "Delivery",
    "DeliveryItem",
    "DeliveryPhoto",
    "Drive",
    "DriveGoal",
    "ItemKind",
    "Movement",
    "Organisation",
    "OrganisationStaff",
    "Pledge",
    "PledgeItem",
    "SensitiveDetails",
    "StockLevel",
    "StoragePlace",
    "Visit",
]
