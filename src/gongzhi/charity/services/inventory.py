"""The inventory ledger: every change of stock is a movement, written with its stock row locked.

Stock on hand for (drive, place, item kind) is the sum of the movements; ``StockLevel.on_hand``
caches it, changes only with the row held by ``select_for_update`` (on SQLite the whole write
transaction is serialised by ``BEGIN IMMEDIATE``), and a CHECK constraint refuses anything below
zero — the same approach as the points store's goods stock.

Rows that movements point at (drives, pledges, deliveries) are locked ``FOR NO KEY UPDATE``
(``no_key=True``): on PostgreSQL a plain ``FOR UPDATE`` on the drive conflicts with the key-share
lock that inserting a movement takes on it, so an allocation holding the drive and a write-off
holding the stock row would deadlock.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.charity.choices import MOVEMENT_SIGN, MovementKind
from gongzhi.charity.errors import NotEnoughStock
from gongzhi.charity.models import Drive, Movement, StockLevel
from gongzhi.charity.permissions import RECEIVE
from gongzhi.charity.services.common import (
    actor_or_none,
    clean_text,
    require_on_drive,
    whole_quantity,
)
from gongzhi.core.audit import log_action


def lock_level(drive, place, item_kind) -> StockLevel:
    """The stock row for (drive, place, item kind), created when missing, locked for this
    transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_level must run inside a transaction")
    level, _created = StockLevel.objects.select_for_update().get_or_create(
        drive=drive, place=place, item_kind=item_kind
    )
    return level


def move(level: StockLevel, kind: str, quantity: int, *, actor=None, **links) -> Movement:
    """Add a movement to the locked ``level`` and keep its cached quantity in step."""
    signed = MOVEMENT_SIGN[kind] * quantity
    if level.on_hand + signed < 0:
        raise NotEnoughStock(
            {
                "quantity": _("%(item)s: only %(n)d on hand at %(place)s.")
                % {"item": level.item_kind.name, "n": level.on_hand, "place": level.place.name}
            }
        )
    movement = Movement.objects.create(
        drive_id=level.drive_id,
        place_id=level.place_id,
        item_kind_id=level.item_kind_id,
        kind=kind,
        quantity=signed,
        created_by=actor_or_none(actor),
        **links,
    )
    level.on_hand += signed
    level.save(update_fields=["on_hand"])
    return movement


def _check_place(drive: Drive, place) -> None:
    from django.core.exceptions import ValidationError

    if not drive.node.path.startswith(place.node.path) and not place.node.path.startswith(
        drive.node.path
    ):
        raise ValidationError({"place": _("This place does not serve the drive's community.")})


def stock_write_off(*, drive, place, item_kind, quantity, reason: str, actor=None) -> Movement:
    """Write damaged, expired or lost goods off, saying why."""
    label = _("Quantity of %(item)s") % {"item": item_kind.name}
    quantity = whole_quantity(quantity, "quantity", label)
    reason = clean_text(reason, "reason", 500, required=True, label=_("Reason"))
    require_on_drive(actor, RECEIVE, drive)
    with transaction.atomic():
        level = lock_level(drive, place, item_kind)
        movement = move(level, MovementKind.WRITTEN_OFF, quantity, actor=actor, reason=reason)
        log_action(
            "charity.stock.written_off",
            actor=actor,
            obj=drive,
            data={
                "place": place.pk,
                "item": item_kind.name,
                "quantity": quantity,
                "reason": reason,
                "on_hand": level.on_hand,
            },
        )
    return movement


def stock_transfer(*, drive, place, to_place, item_kind, quantity, actor=None, reason: str = ""):
    """Move goods of a drive from one place to another (two movements, one transaction)."""
    from django.core.exceptions import ValidationError

    label = _("Quantity of %(item)s") % {"item": item_kind.name}
    quantity = whole_quantity(quantity, "quantity", label)
    if to_place.pk == place.pk:
        raise ValidationError({"to_place": _("Choose another place to move the goods to.")})
    _check_place(drive, to_place)
    require_on_drive(actor, RECEIVE, drive)
    reason = clean_text(reason, "reason", 500)
    with transaction.atomic():
        # Lock both rows in the order of the places' ids, the same in every transfer.
        first, second = sorted([place, to_place], key=lambda p: p.pk)
        levels = {p.pk: lock_level(drive, p, item_kind) for p in (first, second)}
        out = move(
            levels[place.pk],
            MovementKind.TRANSFERRED_OUT,
            quantity,
            actor=actor,
            other_place=to_place,
            reason=reason,
        )
        move(
            levels[to_place.pk],
            MovementKind.TRANSFERRED_IN,
            quantity,
            actor=actor,
            other_place=place,
            reason=reason,
        )
        log_action(
            "charity.stock.transferred",
            actor=actor,
            obj=drive,
            data={
                "from": place.pk,
                "to": to_place.pk,
                "item": item_kind.name,
                "quantity": quantity,
            },
        )
    return out


def stock_transfer_to_points_store(
    *, drive, place, item_kind, quantity, goods, actor=None, note: str = ""
) -> Movement:
    """Hand donated goods to the community's points store (爱心积分超市): a movement out of the
    drive's stock here and, in the same transaction, a donation into the store's stock through
    the points app's own service (``points.services.stock_donate``, which checks and audits the
    store's side)."""
    from django.core.exceptions import ValidationError

    from gongzhi.points.services import stock_donate

    label = _("Quantity of %(item)s") % {"item": item_kind.name}
    quantity = whole_quantity(quantity, "quantity", label)
    if not drive.node.path.startswith(goods.community.path) and not goods.community.path.startswith(
        drive.node.path
    ):
        raise ValidationError({"goods": _("These goods belong to another community's store.")})
    require_on_drive(actor, RECEIVE, drive)
    note = clean_text(note, "note", 300)
    with transaction.atomic():
        level = lock_level(drive, place, item_kind)
        movement = move(
            level,
            MovementKind.TRANSFERRED_OUT,
            quantity,
            actor=actor,
            points_goods=goods,
            reason=note or _("To the points store"),
        )
        donor = drive.organisation.partner_unit if drive.organisation_id else None
        stock_donate(
            goods=goods,
            quantity=quantity,
            actor=actor,
            donor=donor,
            note=f"{drive.title}（{item_kind.name}）{note}"[:500],
        )
        log_action(
            "charity.stock.transferred_to_store",
            actor=actor,
            obj=drive,
            data={
                "place": place.pk,
                "item": item_kind.name,
                "quantity": quantity,
                "goods": goods.pk,
                "on_hand": level.on_hand,
            },
        )
    return movement
