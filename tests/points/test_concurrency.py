"""The store under contention, on whichever database the suite runs on (SQLite or PostgreSQL)."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from gongzhi.org.access import can
from gongzhi.points.choices import Reason
from gongzhi.points.errors import CodeAlreadyUsed, InsufficientPoints, SoldOut
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Account, Goods, Order, Transaction
from gongzhi.points.permissions import MANAGE, REDEEM
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import order_hand_over, order_place, points_award
from tests.points.conftest import at

THREADS = 20
JOIN_TIMEOUT = 120


def run_in_threads(jobs, worker):
    """Split ``jobs`` over THREADS threads that start together; return the outcomes in order."""
    outcomes = [None] * len(jobs)
    start = threading.Barrier(THREADS)

    def thread_main(offset):
        try:
            start.wait(timeout=30)
            for index in range(offset, len(jobs), THREADS):
                try:
                    outcomes[index] = worker(jobs[index])
                except Exception as exc:  # collected and asserted on below
                    outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=thread_main, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a worker thread hung"
    return outcomes


@pytest.fixture
def counter_staff(staff, community):
    # Resolve the role scope once, before threads share the user object.
    assert can(staff, MANAGE, community) and can(staff, REDEEM, community)
    return staff


@pytest.mark.django_db(transaction=True)
def test_200_redemptions_of_50_in_stock(make_person, fund, make_goods, counter_staff):
    goods = make_goods(name="大米", price=10, stock=50)
    people = [make_person(user=False) for _ in range(200)]
    for person in people:
        fund(person, 30)

    outcomes = run_in_threads(
        people, lambda person: order_place(person=person, goods=goods, actor=counter_staff)
    )

    placed = [o for o in outcomes if isinstance(o, Order)]
    sold_out = [o for o in outcomes if isinstance(o, SoldOut)]
    assert len(placed) == 50
    assert len(sold_out) == 150, [o for o in outcomes if not isinstance(o, Order | SoldOut)]
    assert "Sold out" in str(SoldOut().message)
    assert Goods.objects.get(pk=goods.pk).stock == 0
    assert Order.objects.count() == 50
    assert not Account.objects.filter(balance__lt=0).exclude(kind="issuing").exists()
    assert sorted(person_balance(p) for p in people).count(20) == 50
    assert ledger_problems() == []
    call_command("points_check")


@pytest.mark.django_db(transaction=True)
def test_one_person_racing_their_own_balance(make_person, fund, make_goods, counter_staff):
    goods = make_goods(price=10, stock=100)
    person = make_person(user=False)
    fund(person, 30)

    outcomes = run_in_threads(
        [person] * 40, lambda p: order_place(person=p, goods=goods, actor=counter_staff)
    )

    assert sum(isinstance(o, Order) for o in outcomes) == 3
    assert sum(isinstance(o, InsufficientPoints) for o in outcomes) == 37
    assert person_balance(person) == 0
    assert Goods.objects.get(pk=goods.pk).stock == 97
    assert ledger_problems() == []


@pytest.mark.django_db(transaction=True)
def test_a_code_handed_over_by_many_clerks_at_once_counts_once(
    make_person, fund, make_goods, counter_staff, clerk, community
):
    assert can(clerk, REDEEM, community)
    person = make_person(user=False)
    fund(person, 50)
    order = order_place(person=person, goods=make_goods(price=50), actor=counter_staff)
    clerks = [clerk, counter_staff] * 20

    outcomes = run_in_threads(clerks, lambda who: order_hand_over(code=order.code, clerk=who))

    assert sum(isinstance(o, Order) for o in outcomes) == 1
    assert sum(isinstance(o, CodeAlreadyUsed) for o in outcomes) == 39
    assert Order.objects.get(pk=order.pk).state == "handed_over"
    assert ledger_problems() == []


def _award(person, key, reason=Reason.SERVICE_HOUR):
    return points_award(
        person=person, reason=reason, quantity=1, idempotency_key=key, occurred_at=at(2025, 5, 1)
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_stop_at_the_daily_cap(rules, make_person):
    person = make_person(user=False)

    outcomes = run_in_threads([f"hour:{n}" for n in range(40)], lambda key: _award(person, key))

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert sum(o is not None for o in outcomes) == 3
    assert person_balance(person) == 30
    assert ledger_problems() == []


@pytest.mark.django_db(transaction=True)
def test_the_same_award_sent_at_once_is_booked_once(rules, make_person):
    person = make_person(user=False)

    outcomes = run_in_threads(
        ["report:9"] * 40, lambda key: _award(person, key, Reason.VERIFIED_REPORT)
    )

    assert {getattr(o, "pk", o) for o in outcomes} == {
        Transaction.objects.get(idempotency_key="report:9").pk
    }
    assert person_balance(person) == 5
