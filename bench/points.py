"""Redemption throughput under contention, as a ratio to a bare transactional update.

N threads place orders for one goods item at once (each order: lock the goods row and two
accounts, book a balanced transaction, write the stock movement, the order and its audit
entry). The baseline is the least any correct store can do on the same database with the same
threads: ``UPDATE … SET stock = stock - 1 WHERE id = ? AND stock > 0`` in a transaction.

    python -m bench.points [--threads 8] [--orders 400]

Standalone, it creates a throwaway database (SQLite in a temporary directory, or the test
database of ``DATABASE_URL``) and removes it afterwards. ``run()`` alone writes into the
current database, so call it only on a database made for benchmarking.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import uuid

NAME = "points.redemption"


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


def _bare_update(threads: int, total: int) -> float:
    from django.db import connection, transaction

    table = f"bench_stock_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {table} (id integer PRIMARY KEY, stock integer NOT NULL)")
        cursor.execute(f"INSERT INTO {table} (id, stock) VALUES (1, %s)", [total])

    def work(_index: int) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET stock = stock - 1 WHERE id = %s AND stock > 0", [1])

    try:
        return _threads_run(threads, total, work)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {table}")


def _store(threads: int, total: int):
    """A fresh community with one item of ``total`` in stock and buyers with enough points."""
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


def run(*, threads: int = 8, orders: int = 400) -> dict:
    """Measure both and print the ratio; returns the numbers."""
    from django.db import connection

    from gongzhi.points.integrity import ledger_problems
    from gongzhi.points.services import order_place

    goods, buyers = _store(threads, orders)
    failures = []

    def order(index: int) -> None:
        try:
            order_place(person=buyers[index % len(buyers)], goods=goods, actor=None)
        except Exception as exc:  # counted and reported, never hidden
            failures.append(repr(exc))

    redemption_s = _threads_run(threads, orders, order)
    bare_s = _bare_update(threads, orders)
    problems = ledger_problems()
    result = {
        "name": NAME,
        "database": connection.vendor,
        "threads": threads,
        "orders": orders,
        "redemptions_per_s": round(orders / redemption_s, 1),
        "bare_updates_per_s": round(orders / bare_s, 1),
        "ratio": round(redemption_s / bare_s, 2),
        "failures": len(failures),
        "ledger_problems": len(problems),
    }
    print(
        f"{NAME} [{result['database']}, {threads} threads, {orders} orders]: "
        f"{result['redemptions_per_s']} redemptions/s vs {result['bare_updates_per_s']} bare "
        f"updates/s — ratio {result['ratio']}× the bare transactional update"
        + (f"; {len(failures)} failures, e.g. {failures[0]}" if failures else "")
        + (f"; LEDGER PROBLEMS: {problems[:3]}" if problems else "")
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--orders", type=int, default=400)
    args = parser.parse_args(argv)
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("GONGZHI_DATA_DIR", tempfile.mkdtemp(prefix="gongzhi-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")
    import django

    django.setup()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        result = run(threads=args.threads, orders=args.orders)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 1 if result["failures"] or result["ledger_problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
