"""Permission codes of the points app and the roles that hold them.

- ``points.view``: see the ledger, orders and good deeds of the people in one's subtree;
- ``points.manage``: keep the rules, goods and stock, approve good deeds, reverse and adjust;
- ``points.redeem``: check redemption codes and hand goods over (the store clerk's job).
"""

from gongzhi.org.roles import Role

VIEW = "points.view"
MANAGE = "points.manage"
REDEEM = "points.redeem"

GRANTS = {
    Role.STAFF: {VIEW, MANAGE, REDEEM},
    Role.SUPERVISOR: {VIEW},
    Role.AUDITOR: {VIEW},
    Role.STORE_CLERK: {VIEW, REDEEM},
}
