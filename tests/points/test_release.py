"""Orders nobody collects give their points and goods back after the collection window."""

import datetime as dt

from django.utils import timezone

from gongzhi.core.models import AuditEntry
from gongzhi.points.choices import OrderState
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Order, PointsPolicy
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import order_place
from gongzhi.points.services.release import orders_release_uncollected


def test_an_uncollected_order_is_released_after_the_window(make_person, fund, make_goods):
    buyer = make_person("王小明")
    fund(buyer, 100)
    goods = make_goods(price=50, stock=3)
    order = order_place(person=buyer, goods=goods, actor=buyer.user)
    placed = Order.objects.get(pk=order.pk).placed_at
    assert orders_release_uncollected(now=placed + dt.timedelta(days=13)) == 0
    assert orders_release_uncollected(now=placed + dt.timedelta(days=15)) == 1
    order.refresh_from_db()
    goods.refresh_from_db()
    assert order.state == OrderState.CANCELLED and "14" in order.cancel_reason
    assert person_balance(buyer) == 100 and goods.stock == 3
    entry = AuditEntry.objects.get(action="points.order.cancelled")
    assert entry.actor is None
    assert orders_release_uncollected(now=placed + dt.timedelta(days=30)) == 0
    assert ledger_problems() == []


def test_a_community_can_keep_orders_open(make_person, fund, make_goods, community):
    PointsPolicy.objects.create(community=community, collect_within_days=0)
    buyer = make_person("李四")
    fund(buyer, 100)
    order_place(person=buyer, goods=make_goods(price=50), actor=buyer.user)
    later = timezone.now() + dt.timedelta(days=365)
    assert orders_release_uncollected(now=later) == 0
    assert Order.objects.get().state == OrderState.PLACED
