import pytest
from django.core.exceptions import PermissionDenied

from gongzhi.charity.errors import NotEnoughStock
from gongzhi.charity.models import StockLevel
from gongzhi.charity.reconcile import reconcile
from gongzhi.charity.services import stock_transfer_to_points_store
from gongzhi.core.models import AuditEntry
from gongzhi.points.models import Goods
from gongzhi.points.services import goods_create


@pytest.fixture
def goods(community):
    return goods_create(community=community, actor=None, name="书包", price=100)


def test_transfer_into_the_points_store_goes_through_the_points_service(
    stocked, place, kinds, goods, staff
):
    stock_transfer_to_points_store(
        drive=stocked, place=place, item_kind=kinds["bag"], quantity=2, goods=goods, actor=staff
    )
    assert Goods.objects.get(pk=goods.pk).stock == 2
    assert StockLevel.objects.get(drive=stocked, item_kind=kinds["bag"]).on_hand == 1
    assert AuditEntry.objects.filter(action="points.stock.donated").count() == 1
    assert AuditEntry.objects.filter(action="charity.stock.transferred_to_store").count() == 1
    assert reconcile().ok


def test_a_failed_transfer_leaves_both_stocks_alone(stocked, place, kinds, goods, staff):
    with pytest.raises(NotEnoughStock):
        stock_transfer_to_points_store(
            drive=stocked, place=place, item_kind=kinds["bag"], quantity=5, goods=goods, actor=staff
        )
    assert Goods.objects.get(pk=goods.pk).stock == 0


def test_the_store_refuses_someone_who_may_not_keep_it(stocked, place, kinds, goods, officer):
    # The charity officer may move stock out of the drive but not stock the points store.
    with pytest.raises(PermissionDenied):
        stock_transfer_to_points_store(
            drive=stocked,
            place=place,
            item_kind=kinds["bag"],
            quantity=1,
            goods=goods,
            actor=officer,
        )
    assert StockLevel.objects.get(drive=stocked, item_kind=kinds["bag"]).on_hand == 3
