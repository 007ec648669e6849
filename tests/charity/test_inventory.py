import pytest
from django.core.exceptions import ValidationError

from gongzhi.charity.choices import DeliveryState, MovementKind, PledgeState
from gongzhi.charity.errors import NotEnoughStock
from gongzhi.charity.models import Acknowledgement, Movement, StockLevel
from gongzhi.charity.reconcile import reconcile
from gongzhi.charity.services import (
    delivery_cancel,
    place_create,
    pledge_cancel,
    pledge_create,
    pledge_receive,
    stock_transfer,
    stock_write_off,
)


def on_hand(drive, place, kind):
    level = StockLevel.objects.filter(drive=drive, place=place, item_kind=kind).first()
    return level.on_hand if level else 0


def test_receiving_a_pledge_adds_stock_and_issues_a_numbered_acknowledgement(drive, place, kinds):
    pledge = pledge_create(drive=drive, donor_name="李四", items=[(kinds["notebook"], 20)])
    pledge = pledge_receive(pledge=pledge, place=place)
    assert pledge.state == PledgeState.RECEIVED
    assert on_hand(drive, place, kinds["notebook"]) == 20
    ack = Acknowledgement.objects.get(pledge=pledge)
    assert ack.number.startswith("JZ") and len(ack.check_code) == 8
    assert ack.snapshot["items"] == [{"name": "笔记本", "unit": "本", "quantity": 20}]


def test_receiving_twice_is_refused(drive, place, kinds):
    pledge = pledge_create(drive=drive, donor_name="李四", items=[(kinds["notebook"], 2)])
    pledge_receive(pledge=pledge, place=place)
    with pytest.raises(ValidationError):
        pledge_receive(pledge=pledge, place=place)
    assert on_hand(drive, place, kinds["notebook"]) == 2


@pytest.mark.parametrize("bad", [-3, 0, 1.5, "2.0", "x", None])
def test_pledge_quantities_are_whole_and_positive(drive, kinds, bad):
    with pytest.raises(ValidationError) as caught:
        pledge_create(drive=drive, donor_name="王五", items=[(kinds["bag"], bad)])
    assert "书包" in caught.value.message_dict["items"][0]


@pytest.mark.parametrize("bad", ["10.001", "-5", "0", "abc", "NaN", "Infinity"])
def test_cash_amount_needs_two_decimals_at_most(drive, bad):
    with pytest.raises(ValidationError) as caught:
        pledge_create(drive=drive, donor_name="王五", cash=bad)
    assert "cash_amount" in caught.value.message_dict


def test_recorded_cash_needs_a_receipt_number_to_be_received(drive):
    pledge = pledge_create(drive=drive, donor_name="王五", cash="300.50")
    with pytest.raises(ValidationError) as caught:
        pledge_receive(pledge=pledge)
    assert "cash_receipt_number" in caught.value.message_dict
    pledge_receive(pledge=pledge, cash_receipt_number="SJ-2026-0088", cash_received_by="社区财务")
    pledge.refresh_from_db()
    assert (
        pledge.state == PledgeState.RECEIVED
        and pledge.acknowledgement.snapshot["cash_amount"] == "300.50"
    )


def test_a_cancelled_pledge_cannot_be_received(drive, place, kinds):
    pledge = pledge_create(drive=drive, donor_name="王五", items=[(kinds["bag"], 1)])
    pledge_cancel(pledge=pledge, reason="捐赠人改变主意")
    with pytest.raises(ValidationError):
        pledge_receive(pledge=pledge, place=place)
    assert not Movement.objects.filter(pledge=pledge).exists()


def test_allocation_above_stock_is_refused_and_nothing_is_written(
    make_delivery, stocked, place, kinds
):
    from gongzhi.charity.models import Delivery

    with pytest.raises(NotEnoughStock) as caught:
        make_delivery(quantity=11)
    assert "笔记本" in caught.value.message_dict["quantity"][0]
    assert Delivery.objects.count() == 0
    assert on_hand(stocked, place, kinds["notebook"]) == 10


def test_delivery_allocates_and_cancel_releases(make_delivery, stocked, place, kinds):
    delivery = make_delivery(quantity=4)
    assert on_hand(stocked, place, kinds["notebook"]) == 6
    delivery_cancel(delivery=delivery, reason="学校放假")
    assert on_hand(stocked, place, kinds["notebook"]) == 10
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.CANCELLED
    assert reconcile().ok


def test_write_off_needs_a_reason_and_stock(stocked, place, kinds):
    with pytest.raises(ValidationError) as caught:
        stock_write_off(drive=stocked, place=place, item_kind=kinds["bag"], quantity=1, reason="")
    assert "reason" in caught.value.message_dict
    with pytest.raises(NotEnoughStock):
        stock_write_off(
            drive=stocked, place=place, item_kind=kinds["bag"], quantity=4, reason="受潮"
        )
    stock_write_off(drive=stocked, place=place, item_kind=kinds["bag"], quantity=1, reason="受潮")
    assert on_hand(stocked, place, kinds["bag"]) == 2


def test_transfer_between_places_keeps_the_drive_total(stocked, place, kinds, community):
    other = place_create(node=community, name="党群服务中心储物间")
    stock_transfer(
        drive=stocked, place=place, to_place=other, item_kind=kinds["notebook"], quantity=4
    )
    assert on_hand(stocked, place, kinds["notebook"]) == 6
    assert on_hand(stocked, other, kinds["notebook"]) == 4
    kinds_moved = set(Movement.objects.filter(drive=stocked).values_list("kind", flat=True))
    assert {MovementKind.TRANSFERRED_IN, MovementKind.TRANSFERRED_OUT} <= kinds_moved
    assert reconcile().ok


def test_movements_are_append_only(stocked):
    movement = Movement.objects.filter(drive=stocked).first()
    movement.quantity = 99
    with pytest.raises(TypeError):
        movement.save()
    with pytest.raises(TypeError):
        Movement.objects.filter(drive=stocked).update(quantity=1)
    with pytest.raises(TypeError):
        movement.delete()
