import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.core.models import AuditEntry
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from gongzhi.points import codes
from gongzhi.points.choices import AccountKind, LimitPeriod, MovementKind, OrderState
from gongzhi.points.errors import (
    CodeAlreadyUsed,
    CodeNotFound,
    GoodsUnavailable,
    InsufficientPoints,
    LimitReached,
    OrderNotOpen,
    SoldOut,
)
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Account, Goods, Order
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import (
    goods_update,
    order_cancel,
    order_hand_over,
    order_place,
    stock_write_off,
)


@pytest.fixture
def buyer(make_person, fund):
    person = make_person()
    fund(person, 200)
    return person


def test_order_takes_points_and_stock_and_gives_a_code(buyer, make_goods, community):
    goods = make_goods(price=50, stock=10)
    order = order_place(person=buyer, goods=goods, quantity=2, actor=buyer.user)
    goods.refresh_from_db()
    assert order.state == OrderState.PLACED
    assert order.points == 100
    assert person_balance(buyer) == 100
    assert goods.stock == 8
    assert Account.objects.get(kind=AccountKind.STORE, node=community).balance == 100
    assert codes.is_well_formed(order.code)
    assert goods.movements.filter(kind=MovementKind.REDEMPTION).get().quantity == -2
    assert ledger_problems() == []


def test_code_is_handed_over_once(buyer, make_goods, clerk):
    order = order_place(person=buyer, goods=make_goods(), actor=buyer.user)
    typed = order.code_display.lower()  # clerks type what they hear
    handed = order_hand_over(code=typed, clerk=clerk)
    assert handed.state == OrderState.HANDED_OVER
    assert handed.handed_over_by == clerk
    with pytest.raises(CodeAlreadyUsed):
        order_hand_over(code=order.code, clerk=clerk)
    assert AuditEntry.objects.filter(action="points.order.handed_over").count() == 1


def test_unknown_code_and_other_community_clerk_find_nothing(
    buyer, make_goods, make_user, small_tree
):
    order = order_place(person=buyer, goods=make_goods(), actor=buyer.user)
    outsider = make_user()
    role_assign(user=outsider, role=Role.STORE_CLERK, node=small_tree["grid2"])
    for code, clerk in [("ZZZZZZZZ", outsider), (order.code, outsider), ("", outsider)]:
        with pytest.raises(CodeNotFound):
            order_hand_over(code=code, clerk=clerk)
    assert Order.objects.get(pk=order.pk).state == OrderState.PLACED


def test_cancel_returns_points_and_stock(buyer, make_goods):
    goods = make_goods(price=50, stock=3)
    order = order_place(person=buyer, goods=goods, quantity=3, actor=buyer.user)
    cancelled = order_cancel(order=order, actor=buyer.user)
    goods.refresh_from_db()
    assert cancelled.state == OrderState.CANCELLED
    assert person_balance(buyer) == 200
    assert goods.stock == 3
    assert list(goods.movements.values_list("kind", "quantity")) == [
        (MovementKind.CANCELLATION_RETURN, 3),
        (MovementKind.REDEMPTION, -3),
        (MovementKind.DONATION, 3),
    ]
    assert ledger_problems() == []


def test_cancelled_or_handed_over_orders_stay_closed(buyer, make_goods, clerk):
    goods = make_goods()
    order = order_place(person=buyer, goods=goods, actor=buyer.user)
    order_cancel(order=order, actor=buyer.user)
    with pytest.raises(OrderNotOpen):
        order_cancel(order=order, actor=buyer.user)
    with pytest.raises(OrderNotOpen):
        order_hand_over(code=order.code, clerk=clerk)
    other = order_place(person=buyer, goods=goods, actor=buyer.user)
    order_hand_over(code=other.code, clerk=clerk)
    with pytest.raises(OrderNotOpen):
        order_cancel(order=other, actor=clerk, reason="late")


def test_staff_cancel_needs_a_reason_and_strangers_cannot(buyer, make_goods, staff, make_person):
    order = order_place(person=buyer, goods=make_goods(), actor=buyer.user)
    with pytest.raises(ValidationError):
        order_cancel(order=order, actor=staff, reason="")
    with pytest.raises(PermissionDenied):
        order_cancel(order=order, actor=make_person().user, reason="mine now")
    assert order_cancel(order=order, actor=staff, reason="item damaged").state == "cancelled"


def test_insufficient_points_writes_nothing(make_person, fund, make_goods):
    person = make_person()
    fund(person, 40)
    goods = make_goods(price=50, stock=5)
    with pytest.raises(InsufficientPoints) as info:
        order_place(person=person, goods=goods, actor=person.user)
    assert "50" in str(info.value.message) and "40" in str(info.value.message)
    goods.refresh_from_db()
    assert goods.stock == 5 and person_balance(person) == 40 and not Order.objects.exists()


def test_sold_out(buyer, make_goods):
    goods = make_goods(stock=1)
    order_place(person=buyer, goods=goods, actor=buyer.user)
    with pytest.raises(SoldOut):
        order_place(person=buyer, goods=goods, actor=buyer.user)
    assert person_balance(buyer) == 150


def test_limit_per_person_per_period(buyer, make_goods, make_person, fund):
    goods = make_goods(price=10, limit_period=LimitPeriod.MONTH, limit_per_person=2)
    order_place(person=buyer, goods=goods, quantity=2, actor=buyer.user)
    with pytest.raises(LimitReached):
        order_place(person=buyer, goods=goods, actor=buyer.user)
    neighbour = make_person()
    fund(neighbour, 10)
    order_place(person=neighbour, goods=goods, actor=neighbour.user)


def test_cancelled_orders_do_not_count_towards_the_limit(buyer, make_goods):
    goods = make_goods(price=10, limit_period=LimitPeriod.WEEK, limit_per_person=1)
    order = order_place(person=buyer, goods=goods, actor=buyer.user)
    order_cancel(order=order, actor=buyer.user)
    order_place(person=buyer, goods=goods, actor=buyer.user)


def test_limit_period_needs_a_quantity(community, staff, make_goods):
    with pytest.raises(ValidationError):
        make_goods(limit_period=LimitPeriod.DAY)


def test_goods_off_sale_or_elsewhere_cannot_be_ordered(
    buyer, make_goods, staff, make_person, small_tree
):
    goods = make_goods()
    goods_update(goods=goods, actor=staff, is_active=False)
    with pytest.raises(GoodsUnavailable):
        order_place(person=buyer, goods=goods, actor=buyer.user)
    goods_update(goods=goods, actor=staff, is_active=True)
    stranger = make_person(node=small_tree["street"])
    with pytest.raises(GoodsUnavailable):
        order_place(person=stranger, goods=goods, actor=stranger.user)


def test_nobody_orders_for_someone_else(buyer, make_goods, make_person):
    with pytest.raises(PermissionDenied):
        order_place(person=buyer, goods=make_goods(), actor=make_person().user)


@pytest.mark.parametrize("quantity", [0, -1, 21, "2", True])
def test_bad_quantity_is_refused(buyer, make_goods, quantity):
    with pytest.raises(ValidationError):
        order_place(person=buyer, goods=make_goods(), quantity=quantity, actor=buyer.user)


def test_repeated_form_submission_places_one_order(buyer, make_goods):
    goods = make_goods()
    first = order_place(person=buyer, goods=goods, actor=buyer.user, idempotency_key="tok")
    again = order_place(person=buyer, goods=goods, actor=buyer.user, idempotency_key="tok")
    assert first.pk == again.pk and Order.objects.count() == 1


def test_write_off_reduces_stock_but_never_below_zero(make_goods, staff):
    goods = make_goods(stock=3)
    stock_write_off(goods=goods, quantity=2, actor=staff, reason="packaging torn")
    with pytest.raises(ValidationError):
        stock_write_off(goods=goods, quantity=2, actor=staff, reason="lost")
    assert Goods.objects.get(pk=goods.pk).stock == 1
    assert ledger_problems() == []


def test_codes_are_unambiguous_and_distinct():
    drawn = {codes.new_code() for _ in range(2000)}
    assert len(drawn) == 2000
    assert all(codes.is_well_formed(c) and not set(c) & set("01OIL") for c in drawn)
    assert codes.normalise(" abcd-efgh ") == "ABCDEFGH"
    assert not codes.is_well_formed(codes.normalise("ABCD-EFGO"))
