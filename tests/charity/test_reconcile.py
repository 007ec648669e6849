"""Reconciliation: random sequences of movements always balance; a tampered ledger does not."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.charity.choices import BeneficiaryKind, DeliveryState, MovementKind
from gongzhi.charity.models import Delivery, Movement, StockLevel
from gongzhi.charity.reconcile import reconcile
from gongzhi.charity.services import (
    delivery_cancel,
    delivery_complete,
    delivery_create,
    delivery_sign_off,
    place_create,
    pledge_create,
    pledge_receive,
    stock_transfer,
    stock_write_off,
)

OPERATION = st.tuples(
    st.sampled_from(["receive", "allocate", "cancel", "deliver", "write_off", "transfer"]),
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=0, max_value=2),  # item kind
    st.integers(min_value=0, max_value=1),  # place
)


@pytest.fixture
def places(place, community):
    return [place, place_create(node=community, name="第二仓库")]


def _apply(drive, places, kinds, community, operation, expected):
    name, quantity, kind_index, place_index = operation
    kind = list(kinds.values())[kind_index]
    place = places[place_index]
    key = (place.pk, kind.pk)
    try:
        if name == "receive":
            pledge = pledge_create(drive=drive, donor_name="捐赠人", items=[(kind, quantity)])
            pledge_receive(pledge=pledge, place=place)
            expected[key] = expected.get(key, 0) + quantity
        elif name == "allocate":
            delivery_create(
                drive=drive,
                place=place,
                beneficiary_kind=BeneficiaryKind.OTHER,
                recipient_name="受助家庭",
                node=community,
                scheduled_on=dt.date(2026, 8, 1),
                items=[(kind, quantity)],
            )
            expected[key] = expected.get(key, 0) - quantity
        elif name in ("cancel", "deliver"):
            delivery = Delivery.objects.filter(drive=drive, state=DeliveryState.PLANNED).last()
            if delivery is None:
                return
            if name == "cancel":
                delivery_cancel(delivery=delivery, reason="取消")
                for item in delivery.items.all():
                    k = (delivery.place_id, item.item_kind_id)
                    expected[k] = expected.get(k, 0) + item.quantity
            else:
                delivery_sign_off(delivery=delivery, signed_by_name="收件人")
                delivery_complete(delivery=delivery)
        elif name == "write_off":
            stock_write_off(
                drive=drive, place=place, item_kind=kind, quantity=quantity, reason="损坏"
            )
            expected[key] = expected.get(key, 0) - quantity
        else:
            other = places[1 - place_index]
            stock_transfer(
                drive=drive, place=place, to_place=other, item_kind=kind, quantity=quantity
            )
            expected[key] = expected.get(key, 0) - quantity
            other_key = (other.pk, kind.pk)
            expected[other_key] = expected.get(other_key, 0) + quantity
    except ValidationError:
        pass  # refused (not enough stock): nothing may have changed


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATION, max_size=10))
def test_random_movements_always_reconcile(drive, places, kinds, community, operations):
    expected = {
        (level.place_id, level.item_kind_id): level.on_hand
        for level in StockLevel.objects.filter(drive=drive)
    }
    for operation in operations:
        _apply(drive, places, kinds, community, operation, expected)
    report = reconcile()
    assert report.ok, report.problems
    stored = {
        (level.place_id, level.item_kind_id): level.on_hand
        for level in StockLevel.objects.filter(drive=drive)
    }
    assert {k: v for k, v in stored.items() if v} == {k: v for k, v in expected.items() if v}
    assert all(v >= 0 for v in stored.values())


def test_command_passes_on_a_clean_ledger(stocked, capsys):
    call_command("charity_reconcile")
    assert "nothing disagrees" in capsys.readouterr().out


def test_command_exits_non_zero_when_a_level_disagrees(stocked):
    StockLevel.objects.filter(drive=stocked).update(on_hand=7)
    with pytest.raises(SystemExit) as exited:
        call_command("charity_reconcile")
    assert exited.value.code == 1
    assert not reconcile().ok


def test_a_movement_written_behind_the_services_back_is_found(stocked, place, kinds):
    Movement.objects.create(
        drive=stocked, place=place, item_kind=kinds["bag"], kind=MovementKind.RECEIVED, quantity=5
    )
    problems = reconcile().problems
    assert any("stock level" in p for p in problems)
    assert any("without a pledge" in p for p in problems)
