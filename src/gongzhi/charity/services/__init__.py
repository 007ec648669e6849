"""Writes of the charity app. Each checks its input and the current state, runs in one
transaction, locks the rows that can race and writes an audit entry."""

from gongzhi.charity.services.assistance import (
    assistance_consent_record,
    assistance_file_open,
    assistance_sensitive_update,
    assistance_visit_add,
)
from gongzhi.charity.services.deliveries import (
    delivery_add_photo,
    delivery_cancel,
    delivery_complete,
    delivery_create,
    delivery_sign_off,
)
from gongzhi.charity.services.drives import (
    drive_close,
    drive_create,
    drive_open,
    drive_report,
    drive_set_goal,
    drive_transition,
)
from gongzhi.charity.services.inventory import (
    stock_transfer,
    stock_transfer_to_points_store,
    stock_write_off,
)
from gongzhi.charity.services.organisations import (
    item_kind_get_or_create,
    organisation_create,
    organisation_staff_add,
    place_create,
)
from gongzhi.charity.services.pledges import pledge_cancel, pledge_create, pledge_receive

__all__ = [
    "assistance_consent_record",
    "assistance_file_open",
    "assistance_sensitive_update",
    "assistance_visit_add",
    "delivery_add_photo",
    "delivery_cancel",
    "delivery_complete",
    "delivery_create",
    "delivery_sign_off",
    "drive_close",
    "drive_create",
    "drive_open",
    "drive_report",
    "drive_set_goal",
    "drive_transition",
    "item_kind_get_or_create",
    "organisation_create",
    "organisation_staff_add",
    "place_create",
    "pledge_cancel",
    "pledge_create",
    "pledge_receive",
    "stock_transfer",
    "stock_transfer_to_points_store",
    "stock_write_off",
]
