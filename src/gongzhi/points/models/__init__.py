from gongzhi.points.models.immutable import LedgerImmutable
from gongzhi.points.models.ledger import Account, Entry, Transaction
from gongzhi.points.models.rules import GoodDeed, PointsPolicy, PointsRule
from gongzhi.points.models.store import Goods, Order, StockMovement

__all__ = [
    "Account",
    "Entry",
    "GoodDeed",
    "Goods",
    "LedgerImmutable",
    "Order",
    "PointsPolicy",
    "PointsRule",
    "StockMovement",
    "Transaction",
]
