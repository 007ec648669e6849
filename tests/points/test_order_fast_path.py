"""An order of goods without a limit is one short write checked against what the process cache
held; here the cache is made stale the way another process would (writes that bypass the
model's signals), and the order must still charge the price of the moment, refuse goods taken
off sale, count a new limit, and write every row an order writes."""

import pytest
from django.db import connection

from gongzhi.core.models import AuditEntry
from gongzhi.points.choices import LimitPeriod, MovementKind, TransactionKind
from gongzhi.points.errors import GoodsUnavailable, InsufficientPoints, LimitReached, SoldOut
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Entry, Goods, Order, StockMovement, Transaction
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import order_place


@pytest.fixture
def buyer(make_person, fund):
    person = make_person()
    fund(person, 200)
    return person


def _elsewhere(goods, **fields):
    """Change the goods as another process would: this process's cache is not told."""
    Goods.objects.filter(pk=goods.pk).update(**fields)


def test_an_order_writes_its_rows_and_one_audit_entry(buyer, make_goods, community):
    goods = make_goods(price=30, stock=5)
    order = order_place(person=buyer, goods=goods, quantity=2, actor=buyer.user)
    order = Order.objects.get(pk=order.pk)
    txn = Transaction.objects.get(pk=order.redemption_id)
    assert (txn.kind, txn.community_id, txn.memo) == (
        TransactionKind.REDEMPTION,
        community.pk,
        f"{goods.name} × 2",
    )
    assert sorted(Entry.objects.filter(transaction=txn).values_list("amount", flat=True)) == [
        -60,
        60,
    ]
    movement = StockMovement.objects.get(order=order)
    assert (movement.kind, movement.quantity) == (MovementKind.REDEMPTION, -2)
    entry = AuditEntry.objects.get(action="points.order.placed")
    assert entry.object_id == str(order.pk)
    assert entry.actor_id == buyer.user.pk
    assert entry.data["transaction"] == txn.pk
    legs = dict(Entry.objects.filter(transaction=txn).values_list("account_id", "amount"))
    assert entry.data["entries"] == {str(k): v for k, v in legs.items()}
    assert Goods.objects.get(pk=goods.pk).stock == 3
    assert person_balance(buyer) == 140
    assert ledger_problems() == []


def test_a_price_changed_elsewhere_is_charged_at_once(buyer, make_goods):
    goods = make_goods(price=30, stock=5)
    order_place(person=buyer, goods=goods, actor=buyer.user)  # the goods are now cached
    _elsewhere(goods, price=45)
    order = order_place(person=buyer, goods=goods, actor=buyer.user)
    assert order.points == 45
    assert person_balance(buyer) == 200 - 30 - 45
    assert ledger_problems() == []


def test_goods_taken_off_sale_elsewhere_are_refused(buyer, make_goods):
    goods = make_goods(price=30, stock=5)
    order_place(person=buyer, goods=goods, actor=buyer.user)
    _elsewhere(goods, is_active=False)
    with pytest.raises(GoodsUnavailable):
        order_place(person=buyer, goods=goods, actor=buyer.user)
    assert Order.objects.count() == 1
    assert person_balance(buyer) == 170


def test_a_limit_set_elsewhere_is_counted(buyer, make_goods):
    goods = make_goods(price=10, stock=5)
    order_place(person=buyer, goods=goods, actor=buyer.user)
    _elsewhere(goods, limit_period=LimitPeriod.MONTH, limit_per_person=1)
    with pytest.raises(LimitReached):
        order_place(person=buyer, goods=goods, actor=buyer.user)
    assert Order.objects.count() == 1


def test_stock_and_points_spent_elsewhere_are_refused_with_nothing_written(
    buyer, make_goods, make_person, fund
):
    goods = make_goods(price=30, stock=2)
    order_place(person=buyer, goods=goods, actor=buyer.user)
    neighbour = make_person()
    fund(neighbour, 100)
    order_place(person=neighbour, goods=goods, actor=neighbour.user)  # the last one
    with pytest.raises(SoldOut):
        order_place(person=buyer, goods=goods, actor=buyer.user)
    other = make_goods(name="大米", price=160, stock=1)
    order_place(person=buyer, goods=other, actor=buyer.user)  # 200 - 30 - 160 = 10 left
    more = make_goods(name="食用油", price=30, stock=3)
    with pytest.raises(InsufficientPoints, match="you have 10"):
        order_place(person=buyer, goods=more, actor=buyer.user)
    assert Order.objects.count() == 3
    assert Goods.objects.get(pk=more.pk).stock == 3
    assert person_balance(buyer) == 10
    assert ledger_problems() == []


def test_an_order_costs_a_fixed_handful_of_queries(
    buyer, make_goods, django_assert_max_num_queries
):
    goods = make_goods(price=10, stock=5)
    order_place(person=buyer, goods=goods, actor=buyer.user)
    # PostgreSQL: the ids drawn ahead, the savepoint, the one statement, its release. SQLite:
    # the savepoint, three conditional updates, five inserts, the release.
    with django_assert_max_num_queries(4 if connection.vendor == "postgresql" else 10):
        order_place(person=buyer, goods=goods, actor=buyer.user)
    assert Order.objects.count() == 2


def test_a_webhook_subscriber_hears_of_the_order_inside_its_transaction(
    buyer, make_goods, staff, community, monkeypatch, settings
):
    settings.GONGZHI_WEBHOOK_ALLOW_PRIVATE = True  # a loopback receiver; never called here
    from gongzhi.api.models import WebhookDelivery
    from gongzhi.api.webhooks.services import subscription_create

    subscription_create(
        name="store",
        url="http://127.0.0.1:9/points",
        node=community,
        events=["points.order."],
        actor=staff,
    )
    goods = make_goods(price=10, stock=5)
    order = order_place(person=buyer, goods=goods, actor=buyer.user)
    delivery = WebhookDelivery.objects.get()
    entry = AuditEntry.objects.get(action="points.order.placed")
    assert (delivery.event, delivery.audit_entry_id) == ("points.order.placed", entry.pk)
    assert entry.object_id == str(order.pk)

    # The outbox's rows are written in the order's transaction: when they cannot be, the
    # order is not placed either (nothing announced that did not happen, and the reverse).
    def refuse(*args, **kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr(WebhookDelivery.objects, "bulk_create", refuse)
    with pytest.raises(RuntimeError):
        order_place(person=buyer, goods=goods, actor=buyer.user)
    assert Order.objects.count() == 1
    assert Goods.objects.get(pk=goods.pk).stock == 4
    assert person_balance(buyer) == 190
