"""Writes of the points app. Other apps call these, and only these:

- ``points_award`` / ``points_reverse`` / ``points_adjust`` (awards.py)
- ``points_reduce_award`` (reduction.py)
- ``points_expire`` (expiry.py)
- ``rule_set`` / ``policy_set`` / ``good_deed_propose`` / ``good_deed_approve`` /
  ``good_deed_reject`` (policy.py)
- ``goods_create`` / ``goods_update`` / ``stock_donate`` / ``stock_write_off`` (store.py)
- ``order_place`` / ``order_for_code`` / ``order_hand_over`` / ``order_cancel`` (orders.py)
"""

from gongzhi.points.services.awards import points_adjust, points_award, points_reverse
from gongzhi.points.services.expiry import points_expire
from gongzhi.points.services.orders import (
    order_cancel,
    order_for_code,
    order_hand_over,
    order_place,
)
from gongzhi.points.services.policy import (
    good_deed_approve,
    good_deed_propose,
    good_deed_reject,
    policy_set,
    rule_set,
)
from gongzhi.points.services.reduction import points_reduce_award
from gongzhi.points.services.store import (
    goods_create,
    goods_update,
    stock_donate,
    stock_write_off,
)

__all__ = [
    "good_deed_approve",
    "good_deed_propose",
    "good_deed_reject",
    "goods_create",
    "goods_update",
    "order_cancel",
    "order_for_code",
    "order_hand_over",
    "order_place",
    "points_adjust",
    "points_award",
    "points_expire",
    "points_reduce_award",
    "points_reverse",
    "policy_set",
    "rule_set",
    "stock_donate",
    "stock_write_off",
]
