"""The writes of one order of goods without a per-person limit, in as few statements as the
database allows (``orders.order_place`` decides, reads and checks; this module only writes).

An order writes six rows and moves three counters: the transaction and its two entries, the
order, the stock movement and the audit entry; the goods' stock, the buyer's balance and the
store's balance. On PostgreSQL all of it is one statement (data-modifying CTEs, the ids of
the transaction and the order drawn ahead), so that the rows every order of the item shares —
the goods and the store's account — are locked for one statement and the commit. On SQLite,
where a statement costs no round trip but the whole database is locked from ``BEGIN
IMMEDIATE`` to the commit, the same statements run one after the other.

The counters move with conditional updates, as everywhere in the ledger: stock only ``WHERE
stock >= n AND is_active`` (and at the price and without the limit the order was priced
with), each account in id order (the order every service locks accounts in), the buyer's
balance only ``WHERE balance >= points``. If one finds nothing, the transaction is rolled back
and :class:`Refused` says which.
"""

from __future__ import annotations

from django.db import connection
from django.db.transaction import atomic
from django.utils import timezone

from gongzhi.core.audit import audit_entry, published
from gongzhi.core.models import AuditEntry
from gongzhi.core.rowsql import insert, next_ids
from gongzhi.points.choices import MOVEMENT_SIGN, LimitPeriod, MovementKind, TransactionKind
from gongzhi.points.models import Account, Entry, Goods, Order, StockMovement, Transaction


class Refused(Exception):
    """Nothing was written: ``what`` is ``"stock"`` (off sale or short) or ``"balance"``."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def _counters(goods, quantity, legs):
    """The conditional updates: the stock (still on sale, at the price and without the limit
    the order was priced with, enough left), then each account in id order (the buyer's only
    if its balance covers the price). The first returns the stock left."""
    quote = connection.ops.quote_name
    table, accounts = quote(Goods._meta.db_table), quote(Account._meta.db_table)
    updates = [
        (
            f"UPDATE {table} SET stock = stock - %s WHERE id = %s AND is_active AND stock >= %s "
            "AND price = %s AND (limit_period = %s OR limit_per_person IS NULL) RETURNING stock",
            [quantity, goods.pk, quantity, goods.price, LimitPeriod.NONE],
        )
    ]
    for pk, amount in sorted(legs.items()):
        sql, params = f"UPDATE {accounts} SET balance = balance + %s WHERE id = %s", [amount, pk]
        if amount < 0:
            sql, params = sql + " AND balance >= %s", [*params, -amount]
        updates.append((sql + " RETURNING 1", params))
    return updates


def place(*, person, goods, quantity, points, buyer_id, store_id, actor, key, code) -> Order:
    """Write the order; raises :class:`Refused` (nothing written) or ``IntegrityError`` (a
    retry of the same submission, or a redemption code drawn twice)."""
    now = timezone.now()
    placed_by = actor if getattr(actor, "is_authenticated", False) else None
    txn = Transaction(
        kind=TransactionKind.REDEMPTION,
        idempotency_key=key or f"order:{code}",
        community_id=goods.community_id,
        memo=f"{goods.name} × {quantity}"[:500],
        created_by=placed_by,
        occurred_at=now,
    )
    txn.booked_legs = {buyer_id: -points, store_id: points}
    order = Order(
        person=person,
        goods=goods,
        quantity=quantity,
        points=points,
        code=code,
        placed_by=placed_by,
    )
    movement = StockMovement(
        goods=goods,
        kind=MovementKind.REDEMPTION,
        quantity=MOVEMENT_SIGN[MovementKind.REDEMPTION] * quantity,
        created_by=placed_by,
    )
    updates = _counters(goods, quantity, txn.booked_legs)
    if connection.vendor == "postgresql":
        txn.pk, order.pk = next_ids(Transaction, Order)
        goods.stock = _joined(txn, order, movement, updates, actor, goods, quantity)
    else:
        goods.stock = _in_turn(txn, order, movement, updates, actor, goods, quantity)
    return order


def _entries(txn) -> list[Entry]:
    return [
        Entry(transaction_id=txn.pk, account_id=pk, amount=amount)
        for pk, amount in txn.booked_legs.items()
    ]


def _audit(txn, order, actor, goods, quantity) -> AuditEntry:
    from gongzhi.points.services.booking import transaction_summary

    return audit_entry(
        "points.order.placed",
        actor=actor,
        obj=order,
        data={**transaction_summary(txn), "goods": goods.pk, "quantity": quantity},
    )


def _joined(txn, order, movement, updates, actor, goods, quantity) -> int:
    """PostgreSQL: every row and counter in one statement. Each update waits for the one
    before it (``EXISTS`` on its result), so the rows are locked in the usual order and
    nothing moves after a refusal. Returns the stock left."""
    order.redemption_id = txn.pk
    movement.order_id = order.pk
    entry = _audit(txn, order, actor, goods, quantity)
    parts = []
    for n, (sql, params) in enumerate(updates):
        if n:  # waits for the update before it, and does nothing after a refusal
            sql = sql.replace(" RETURNING ", f" AND EXISTS (SELECT 1 FROM u{n - 1}) RETURNING ")
        parts.append((f"u{n}", (sql, params)))
    parts += [
        ("t", insert([txn])),
        ("e", insert(_entries(txn))),
        ("o", insert([order])),
        ("m", insert([movement])),
    ]
    audit_sql, audit_params = insert([entry])
    parts.append(("l", (audit_sql + " RETURNING id", audit_params)))
    counts = ", ".join(f"(SELECT count(*) FROM u{n})" for n in range(1, len(updates)))
    sql = "WITH " + ", ".join(f"{name} AS ({part[0]})" for name, part in parts)
    sql += f" SELECT (SELECT id FROM l), (SELECT stock FROM u0), {counts}"
    params = [p for _name, part in parts for p in part[1]]
    with atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        entry.pk, stock, *moved = cursor.fetchone()
        if stock is None:
            raise Refused("stock")
        if not all(moved):
            raise Refused("balance")
        _announce(entry, order, txn)
    return stock


def _announce(entry, order, txn) -> None:
    """Hand the audit entry to the parts that react to it, inside the order's transaction
    (the webhook outbox writes its rows there), as ``log_action`` does."""
    order.redemption = txn
    published(entry, order)


def _in_turn(txn, order, movement, updates, actor, goods, quantity) -> int:
    """SQLite: the same statements one after another (the database is locked from the first).
    Returns the stock left."""
    with atomic(), connection.cursor() as cursor:
        cursor.execute(*updates[0])
        row = cursor.fetchone()
        if row is None:
            raise Refused("stock")
        stock = row[0]
        for sql, params in updates[1:]:
            cursor.execute(sql, params)
            if cursor.fetchone() is None:
                raise Refused("balance")
        cursor.execute(*insert([txn]))
        txn.pk = order.redemption_id = cursor.lastrowid
        cursor.execute(*insert(_entries(txn)))
        cursor.execute(*insert([order]))
        order.pk = movement.order_id = cursor.lastrowid
        cursor.execute(*insert([movement]))
        entry = _audit(txn, order, actor, goods, quantity)
        cursor.execute(*insert([entry]))
        entry.pk = cursor.lastrowid
        _announce(entry, order, txn)
    return stock
