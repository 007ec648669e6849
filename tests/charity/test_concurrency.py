"""Two allocations racing for the last item, on whichever database the suite runs on."""

import datetime as dt
import threading

import pytest
from django.db import connection

from gongzhi.charity.choices import BeneficiaryKind
from gongzhi.charity.errors import NotEnoughStock
from gongzhi.charity.models import Delivery, StockLevel
from gongzhi.charity.reconcile import reconcile
from gongzhi.charity.services import delivery_create, stock_write_off

JOIN_TIMEOUT = 120


def race(workers):
    """Run the callables at the same moment, each in its own thread; their outcomes in order."""
    outcomes = [None] * len(workers)
    start = threading.Barrier(len(workers))

    def main(index):
        try:
            start.wait(timeout=30)
            try:
                outcomes[index] = workers[index]()
            except Exception as exc:  # collected and asserted on below
                outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=main, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a worker thread hung"
    return outcomes


def allocate(drive, place, community, kind, quantity=1):
    return lambda: delivery_create(
        drive=drive,
        place=place,
        beneficiary_kind=BeneficiaryKind.OTHER,
        recipient_name="受助家庭",
        node=community,
        scheduled_on=dt.date(2026, 8, 1),
        items=[(kind, quantity)],
    )


@pytest.mark.django_db(transaction=True)
def test_two_allocations_racing_for_the_last_item(stocked, place, community, kinds):
    bag = kinds["bag"]
    # Leave exactly one bag.
    stock_write_off(drive=stocked, place=place, item_kind=bag, quantity=2, reason="破损")

    outcomes = race(
        [allocate(stocked, place, community, bag), allocate(stocked, place, community, bag)]
    )

    won = [o for o in outcomes if isinstance(o, Delivery)]
    lost = [o for o in outcomes if isinstance(o, NotEnoughStock)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert StockLevel.objects.get(drive=stocked, place=place, item_kind=bag).on_hand == 0
    assert Delivery.objects.count() == 1
    assert reconcile().ok


@pytest.mark.django_db(transaction=True)
def test_many_allocations_and_write_offs_never_go_below_zero(stocked, place, community, kinds):
    notebook = kinds["notebook"]  # 10 on hand
    jobs = [allocate(stocked, place, community, notebook, 2) for _ in range(6)]
    jobs += [
        lambda: stock_write_off(
            drive=stocked, place=place, item_kind=notebook, quantity=1, reason="受潮"
        )
        for _ in range(4)
    ]

    outcomes = race(jobs)

    unexpected = [
        o for o in outcomes if isinstance(o, Exception) and not isinstance(o, NotEnoughStock)
    ]
    assert not unexpected, unexpected
    level = StockLevel.objects.get(drive=stocked, place=place, item_kind=notebook)
    assert level.on_hand >= 0
    assert reconcile().ok
