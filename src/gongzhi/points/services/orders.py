"""Orders in the points store: placing one, the clerk's hand-over against its code, and
cancelling it (goods and stock are store.py's)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import F
from django.db.transaction import atomic
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core import hotcache
from gongzhi.core.audit import log_action
from gongzhi.org.access import can
from gongzhi.points import codes
from gongzhi.points.choices import (
    MOVEMENT_SIGN,
    AccountKind,
    MovementKind,
    OrderState,
    TransactionKind,
)
from gongzhi.points.errors import (
    CodeAlreadyUsed,
    CodeNotFound,
    GoodsUnavailable,
    InsufficientPoints,
    LimitReached,
    OrderNotOpen,
    SoldOut,
)
from gongzhi.points.models import Account, Goods, Order, StockMovement
from gongzhi.points.permissions import MANAGE, REDEEM
from gongzhi.points.selectors import community_of, ordered_in_period
from gongzhi.points.services import placing
from gongzhi.points.services.booking import (
    account_for_person,
    book,
    community_account,
    move_balances,
    record_transfer,
    transaction_summary,
)
from gongzhi.points.services.store import MAX_ORDER_QUANTITY, move_stock, positive, require


def _earlier_order(person, key: str) -> Order | None:
    if not key:
        return None
    return Order.objects.filter(person=person, redemption__idempotency_key=key).first()


def _insufficient(points: int, balance: int) -> InsufficientPoints:
    return InsufficientPoints(
        _("Not enough points: this order needs %(need)d, you have %(have)d.")
        % {"need": points, "have": balance}
    )


def _take_stock(goods: Goods, quantity: int) -> None:
    """Take ``quantity`` off the shelf with one conditional UPDATE (which locks the row until the
    commit); if it is off sale or short, nothing is taken and the order is refused."""
    taken = Goods.objects.filter(pk=goods.pk, is_active=True, stock__gte=quantity).update(
        stock=F("stock") - quantity
    )
    if not taken:
        if not Goods.objects.filter(pk=goods.pk, is_active=True).exists():
            raise GoodsUnavailable()
        raise SoldOut()


def _check_limit_for(person, goods: Goods, quantity: int, now) -> None:
    already = ordered_in_period(person=person, goods=goods, moment=now)
    if already + quantity > goods.limit_per_person:
        raise LimitReached(
            _("Limit reached: %(limit)d per person %(period)s; you have ordered %(n)d.")
            % {
                "limit": goods.limit_per_person,
                "period": goods.get_limit_period_display(),
                "n": already,
            }
        )


def order_place(
    *, person, goods: Goods, quantity: int = 1, actor, idempotency_key: str = ""
) -> Order:
    """Order ``quantity`` of ``goods`` for ``person``: points move person → store, stock goes out
    and the order gets its one-time redemption code.

    Raises ``GoodsUnavailable`` (off sale or another community's store), ``SoldOut``,
    ``LimitReached`` or ``InsufficientPoints``; nothing is written then. With an
    ``idempotency_key`` (a form's one-time token), a repeated submission returns the first order.

    Goods without a per-person limit are ordered in one short write (``placing``): the
    goods' facts and the accounts' ids come from the process cache, and the conditional
    updates of the write check what the cache could have got wrong (still on sale, the same
    price, enough stock, enough points); when the stock update finds nothing, the goods are
    read afresh and the order tried once more before it is refused. Goods with a limit take
    their stock first under the goods' lock, so that the limit is counted there.
    """
    quantity = positive(quantity, "quantity", MAX_ORDER_QUANTITY)
    key = f"order:{person.pk}:{idempotency_key[:100]}" if idempotency_key else ""
    earlier = _earlier_order(person, key)
    if earlier is not None:
        return earlier
    own = getattr(actor, "pk", None) is not None and person.user_id == actor.pk
    cached = True
    for attempt in range(3):
        item = _goods(goods.pk, cached=cached)
        if item.has_limit and cached:
            item, cached = _goods(goods.pk, cached=False), False
        if not own:
            require(actor, MANAGE, item.community)
        if not item.is_active or community_of(person.node) != item.community:
            raise GoodsUnavailable()
        points = item.price * quantity
        buyer_id = _person_account_id(person)
        store_id = _store_account_id(item.community)
        try:
            if item.has_limit or not points:  # free goods: refused there, as an empty transfer
                return _place(person, item, quantity, points, buyer_id, store_id, actor, key)
            return placing.place(
                person=person,
                goods=item,
                quantity=quantity,
                points=points,
                buyer_id=buyer_id,
                store_id=store_id,
                actor=actor,
                key=key,
                code=codes.new_code(),
            )
        except placing.Refused as refused:
            if refused.what == "stock" and cached:
                cached = False  # the cached goods may be out of date: read them again
                continue
            raise _refusal(refused.what, person, item, points) from None
        except IntegrityError:
            # A retry of the same submission that raced this one, or (about once in 10^11)
            # a redemption code drawn twice: answer the first order, or draw again.
            earlier = _earlier_order(person, key)
            if earlier is not None:
                return earlier
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


# Goods change on a staff edit (price, on sale or not) and with every order (stock): the cached
# row serves only for what the write checks again, and a local edit clears it at once.
hotcache.watch(Goods)
_goods_rows = hotcache.Memo("points.goods")
_person_accounts = hotcache.Memo("points.person_account")
_store_accounts = hotcache.Memo("points.store_account")


def _goods(pk: int, *, cached: bool) -> Goods:
    def read():
        return Goods.objects.select_related("community").get(pk=pk)

    if not cached:
        return read()
    return hotcache.fresh(_goods_rows.get(pk, read))


def _balance_of(person) -> int:
    """The person's balance now (for the message of a refused order)."""
    account = account_for_person(person)
    return account.balance


def _person_account_id(person) -> int:
    """The id of the person's account (an account's id never changes); one opened here, on
    first use, is not cached until it is read again (the caller's transaction may roll back)."""

    def read():
        rows = Account.objects.filter(kind=AccountKind.PERSON, person=person)
        return rows.values_list("pk", flat=True).first()

    found = _person_accounts.get(person.pk, read, cache_none=False)
    return found if found is not None else account_for_person(person).pk


def _store_account_id(community) -> int:
    """The id of the community's store account (opened on first use)."""
    return _store_accounts.get(
        community.pk, lambda: community_account(community, AccountKind.STORE).pk
    )


def _refusal(what: str, person, goods, points):
    """The error for an order the database refused after the checks above had passed (another
    order took the last item or spent the points in between)."""
    if what == "stock":
        if not Goods.objects.filter(pk=goods.pk, is_active=True).exists():
            return GoodsUnavailable()
        return SoldOut()
    return _insufficient(points, _balance_of(person))


def _place(person, goods, quantity, points, buyer_id, store_id, actor, key) -> Order:
    """Goods with a per-person limit: the stock is taken first, so that the limit is counted
    under the goods' lock, then the rows are written through the ORM."""
    code = codes.new_code()
    placed_by = actor if getattr(actor, "is_authenticated", False) else None
    account = Account(pk=buyer_id, kind=AccountKind.PERSON, person=person)
    store = Account(pk=store_id, kind=AccountKind.STORE, node=goods.community)
    with atomic():
        _take_stock(goods, quantity)
        _check_limit_for(person, goods, quantity, timezone.now())
        txn = record_transfer(
            kind=TransactionKind.REDEMPTION,
            debit=account,
            credit=store,
            points=points,
            idempotency_key=key or f"order:{code}",
            community=goods.community,
            actor=actor,
            memo=f"{goods.name} × {quantity}",
        )
        order = Order.objects.create(
            person=person,
            goods=goods,
            quantity=quantity,
            points=points,
            code=code,
            redemption=txn,
            placed_by=placed_by,
        )
        StockMovement.objects.create(
            goods=goods,
            kind=MovementKind.REDEMPTION,
            quantity=MOVEMENT_SIGN[MovementKind.REDEMPTION] * quantity,
            order=order,
            created_by=placed_by,
        )
        log_action(
            "points.order.placed",
            actor=actor,
            obj=order,
            data={**transaction_summary(txn), "goods": goods.pk, "quantity": quantity},
        )
        try:
            move_balances(txn, debit=account, credit=store)
        except InsufficientPoints:
            raise _insufficient(points, _balance_of(person)) from None
    goods.stock -= quantity
    return order


def order_for_code(*, code: str, clerk) -> Order:
    """The order a code belongs to, if the clerk may redeem in its community (else not found)."""
    code = codes.normalise(code)
    order = None
    if codes.is_well_formed(code):
        order = (
            Order.objects.select_related("goods", "goods__community", "person")
            .filter(code=code)
            .first()
        )
    if order is None or not can(clerk, REDEEM, order.goods.community):
        raise CodeNotFound()
    return order


def order_hand_over(*, code: str, clerk) -> Order:
    """The clerk hands the goods over against the code; a code works once, even when several
    clerks try it at the same moment (the order row is locked and its state checked)."""
    found = order_for_code(code=code, clerk=clerk)
    with atomic():
        order = Order.objects.select_for_update().get(pk=found.pk)
        if order.state == OrderState.HANDED_OVER:
            raise CodeAlreadyUsed()
        if order.state != OrderState.PLACED:
            raise OrderNotOpen(_("This order was cancelled; nothing to hand over."))
        order.state = OrderState.HANDED_OVER
        order.handed_over_by = clerk
        order.handed_over_at = timezone.now()
        order.save(update_fields=["state", "handed_over_by", "handed_over_at"])
        log_action(
            "points.order.handed_over",
            actor=clerk,
            obj=order,
            old={"state": OrderState.PLACED},
            new={"state": order.state},
        )
    order.goods = found.goods
    order.person = found.person
    return order


def order_cancel(*, order: Order, actor, reason: str = "") -> Order:
    """Cancel a placed order: the points come back to the person and the stock to the shelf, as
    new entries and a new movement. The person may cancel their own order; staff and clerks
    any order of their community; ``actor=None`` is the system itself (the release of orders
    nobody collected)."""
    own = getattr(actor, "pk", None) is not None and order.person.user_id == actor.pk
    community = order.goods.community
    allowed = actor is None or can(actor, MANAGE, community) or can(actor, REDEEM, community)
    if not own and not allowed:
        raise PermissionDenied(_("You may not cancel this order."))
    if not own and not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the order is cancelled.")})
    account = account_for_person(order.person)
    store = community_account(community, AccountKind.STORE)
    try:
        with atomic():
            order = Order.objects.select_for_update().get(pk=order.pk)
            if order.state != OrderState.PLACED:
                raise OrderNotOpen()
            goods = Goods.objects.select_for_update(no_key=True).get(pk=order.goods_id)
            txn = book(
                kind=TransactionKind.CANCELLATION,
                legs=[(store, -order.points), (account, order.points)],
                idempotency_key=f"order-cancel:{order.pk}",
                community=community,
                source=order,
                actor=actor,
                memo=(reason or "").strip() or _("Cancelled by the resident."),
            )
            move_stock(
                goods, MovementKind.CANCELLATION_RETURN, order.quantity, actor=actor, order=order
            )
            order.state = OrderState.CANCELLED
            order.cancellation = txn
            order.cancelled_by = actor if getattr(actor, "is_authenticated", False) else None
            order.cancelled_at = timezone.now()
            order.cancel_reason = (reason or "").strip()[:500]
            order.save(
                update_fields=[
                    "state",
                    "cancellation",
                    "cancelled_by",
                    "cancelled_at",
                    "cancel_reason",
                ]
            )
            log_action(
                "points.order.cancelled",
                actor=actor,
                obj=order,
                old={"state": OrderState.PLACED},
                new={"state": order.state},
                data={**transaction_summary(txn), "reason": order.cancel_reason},
            )
    except IntegrityError as exc:  # the same order cancelled twice at once
        raise OrderNotOpen() from exc
    return order
