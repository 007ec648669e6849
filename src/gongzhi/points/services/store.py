"""The points store: goods and their stock (orders are orders.py's)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.transaction import atomic
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.access import can
from gongzhi.org.choices import Level
from gongzhi.points.choices import (
    MOVEMENT_SIGN,
    LimitPeriod,
    MovementKind,
)
from gongzhi.points.errors import (
    SoldOut,
)
from gongzhi.points.models import Goods, StockMovement
from gongzhi.points.permissions import MANAGE

MAX_ORDER_QUANTITY = 20
MAX_STOCK_CHANGE = 100_000


def require(actor, permission: str, community) -> None:
    """``actor=None`` is the system itself (imports, the demo); people need the permission."""
    if actor is not None and not can(actor, permission, community):
        raise PermissionDenied(_("You may not do this in this community's store."))


def positive(value, field: str, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= maximum:
        raise ValidationError(
            {field: _("Enter a whole number from 1 to %(max)d.") % {"max": maximum}}
        )
    return value


def move_stock(goods: Goods, kind: str, quantity: int, *, actor, order=None, donor=None, note=""):
    """Add a stock movement to locked ``goods`` and keep the cached stock in step."""
    signed = MOVEMENT_SIGN[kind] * quantity
    if goods.stock + signed < 0:
        raise SoldOut()
    movement = StockMovement.objects.create(
        goods=goods,
        kind=kind,
        quantity=signed,
        order=order,
        donor=donor,
        note=note[:500],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    goods.stock += signed
    goods.save(update_fields=["stock"])
    return movement


GOODS_FIELDS = {
    "name",
    "description",
    "photo",
    "price",
    "donor",
    "is_active",
    "limit_period",
    "limit_per_person",
}


def goods_create(*, community, actor, **fields) -> Goods:
    """Put a new item on the store's shelves (with no stock until a donation comes in)."""
    if community is None or community.level != Level.COMMUNITY:
        raise ValidationError({"community": _("Goods belong to a community's store.")})
    require(actor, MANAGE, community)
    unknown = set(fields) - GOODS_FIELDS
    if unknown:
        raise ValidationError(_("Unknown goods fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    with atomic():
        goods = Goods(community=community, **fields)
        goods.full_clean(exclude=["stock"])
        _check_limit(goods)
        goods.save()
        log_action(
            "points.goods.created",
            actor=actor,
            obj=goods,
            new={"name": goods.name, "price": goods.price, "donor": goods.donor_id},
        )
    return goods


def _check_limit(goods: Goods) -> None:
    if goods.limit_period != LimitPeriod.NONE and not goods.limit_per_person:
        raise ValidationError(
            {"limit_per_person": _("Say how many one person may order in the period.")}
        )


def goods_update(*, goods: Goods, actor, **changes) -> Goods:
    """Change an item's details or take it off sale (stock changes go through movements)."""
    unknown = set(changes) - GOODS_FIELDS
    if unknown:
        raise ValidationError(_("Unknown goods fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    require(actor, MANAGE, goods.community)
    with atomic():
        goods = Goods.objects.select_for_update(no_key=True).get(pk=goods.pk)
        old = {k: str(getattr(goods, k)) for k in changes}
        for key, value in changes.items():
            setattr(goods, key, value)
        goods.full_clean(exclude=["stock"])
        _check_limit(goods)
        goods.save(update_fields=list(changes))
        new = {k: str(getattr(goods, k)) for k in changes}
        log_action("points.goods.updated", actor=actor, obj=goods, old=old, new=new)
    return goods


def stock_donate(*, goods: Goods, quantity: int, actor, donor=None, note: str = ""):
    """Record a donation coming in (by default from the item's donor)."""
    quantity = positive(quantity, "quantity", MAX_STOCK_CHANGE)
    require(actor, MANAGE, goods.community)
    with atomic():
        goods = Goods.objects.select_for_update(no_key=True).get(pk=goods.pk)
        movement = move_stock(
            goods,
            MovementKind.DONATION,
            quantity,
            actor=actor,
            donor=donor or goods.donor,
            note=note,
        )
        log_action(
            "points.stock.donated",
            actor=actor,
            obj=goods,
            data={"quantity": quantity, "donor": movement.donor_id, "stock": goods.stock},
        )
    return movement


def stock_write_off(*, goods: Goods, quantity: int, actor, reason: str):
    """Take damaged, expired or lost stock off the shelves, saying why."""
    quantity = positive(quantity, "quantity", MAX_STOCK_CHANGE)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the stock is written off.")})
    require(actor, MANAGE, goods.community)
    with atomic():
        goods = Goods.objects.select_for_update(no_key=True).get(pk=goods.pk)
        if goods.stock < quantity:
            raise ValidationError({"quantity": _("Only %(n)d in stock.") % {"n": goods.stock}})
        movement = move_stock(goods, MovementKind.WRITE_OFF, quantity, actor=actor, note=reason)
        log_action(
            "points.stock.written_off",
            actor=actor,
            obj=goods,
            data={"quantity": quantity, "reason": reason, "stock": goods.stock},
        )
    return movement
