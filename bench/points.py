"""Redemption throughput under contention, as a ratio to a bare transactional update.

THREADS threads place orders for one goods item at once (each order: lock the goods row and
two accounts, book a balanced transaction, write the stock movement, the order with its
redemption code and the audit entry). The baseline is the least any correct store can do on
the same database with the same threads: ``UPDATE … SET stock = stock - 1 WHERE id = ? AND
stock > 0``, each in its own transaction (ten times as many per round, so that a round lasts
long enough to time). Rounds of the two alternate and the best round of each is kept, as the
other benchmarks do; the ratio compares the cost per order with the cost per update.
Afterwards every order is counted and the ledger checked.

Run it with ``python -m bench points`` (the harness provides the throwaway database).
"""

from __future__ import annotations

import threading
import time
import uuid

from bench import ratio, record

THREADS = 8
ORDERS = 400  # per round
ROUNDS = 3
# The bare update is about a hundred times cheaper: give its rounds as many more updates, so
# that they last long enough to time (a few hundred updates pass in milliseconds).
BARE_FACTOR = 10


def _threads_run(threads: int, total: int, work) -> float:
    """Run ``work(i)`` for i in range(total) over ``threads`` threads; return the seconds taken."""
    from django.db import connection

    start = threading.Barrier(threads + 1)

    def main(offset: int) -> None:
        try:
            start.wait()
            for index in range(offset, total, threads):
                work(index)
        finally:
            connection.close()

    workers = [threading.Thread(target=main, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    start.wait()
    began = time.perf_counter()
    for worker in workers:
        worker.join()
    return time.perf_counter() - began


def _bare_table(stock: int) -> str:
    from django.db import connection

    table = f"bench_stock_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {table} (id integer PRIMARY KEY, stock integer NOT NULL)")
        cursor.execute(f"INSERT INTO {table} (id, stock) VALUES (1, %s)", [stock])
    return table


def _bare_round(table: str, threads: int, total: int) -> float:
    from django.db import connection, transaction

    def work(_index: int) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET stock = stock - 1 WHERE id = %s AND stock > 0", [1])

    return _threads_run(threads, total, work)


def _store(threads: int, total: int):
    """A community with one item of ``total`` in stock and buyers with enough points for it."""
    from gongzhi.org.choices import Level
    from gongzhi.org.services import node_create, person_create
    from gongzhi.points.services import goods_create, points_adjust, stock_donate

    tag = uuid.uuid4().hex[:8]
    district = node_create(parent=None, level=Level.DISTRICT, name="bench", code=f"bench-{tag}")
    street = node_create(parent=district, level=Level.STREET, name="s", code=f"bench-{tag}-s")
    community = node_create(parent=street, level=Level.COMMUNITY, name="c", code=f"bench-{tag}-c")
    goods = goods_create(community=community, actor=None, name="毛巾", price=1)
    stock_donate(goods=goods, quantity=total, actor=None)
    buyers = []
    per_buyer = -(-total // (threads * 4))
    for n in range(threads * 4):
        person = person_create(node=community, name=f"buyer{n}")
        points_adjust(person=person, amount=per_buyer, memo="bench", actor=None)
        buyers.append(person)
    return goods, buyers


def _redemption_round(threads: int, total: int, failures: list) -> float:
    from gongzhi.points.services import order_place

    goods, buyers = _store(threads, total)

    def order(index: int) -> None:
        try:
            order_place(person=buyers[index % len(buyers)], goods=goods, actor=None)
        except Exception as exc:  # counted and reported, never hidden
            failures.append(repr(exc))

    return _threads_run(threads, total, order)


def _order_queries() -> int:
    """Queries of one order, counted after a first one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongzhi.points.services import order_place

    goods, buyers = _store(1, 2)
    order_place(person=buyers[0], goods=goods, actor=None)
    with CaptureQueriesContext(connection) as ctx:
        order_place(person=buyers[1], goods=goods, actor=None)
    return len(ctx.captured_queries)


def run(*, threads: int = THREADS, orders: int = ORDERS, rounds: int = ROUNDS):
    """Yield the result lines (see the module docstring)."""
    from django.db import connection

    from gongzhi.points.integrity import ledger_problems
    from gongzhi.points.models import Order

    failures: list[str] = []
    updates = orders * BARE_FACTOR
    table = _bare_table(updates * rounds)
    best_redemption = best_bare = float("inf")
    try:
        for _ in range(rounds):
            best_redemption = min(best_redemption, _redemption_round(threads, orders, failures))
            best_bare = min(best_bare, _bare_round(table, threads, updates))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {table}")
    per_order, per_update = best_redemption / orders, best_bare / updates
    yield (
        f"points.redemption [{connection.vendor}, {threads} threads, {orders} orders of one item "
        f"per round, best of {rounds}]: {1 / per_order:,.0f} redemptions/s, "
        f"{1 / per_update:,.0f} bare updates/s"
    )
    yield ratio(
        "points.order_place under contention",
        "bare transactional UPDATE stock = stock - 1",
        per_order,
        per_update,
    )
    problems = ledger_problems()
    placed = Order.objects.count()
    check = f"   checked: {placed} orders placed of {orders * rounds}, {len(failures)} refused"
    if failures:
        check += f" (e.g. {failures[0]})"
    check += "; ledger OK" if not problems else f"; LEDGER PROBLEMS: {problems[:3]}"
    yield check
    record(
        "points.order_place (8 threads, one item) vs a bare UPDATE stock = stock - 1",
        queries=_order_queries(),
        small=per_order / per_update,
    )
