import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gongzhi.points.choices import Reason
from gongzhi.points.models import GoodDeed, Goods, Order, PointsRule, Transaction
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import points_award


@pytest.fixture
def resident(make_person, fund):
    person = make_person("王小明")
    fund(person, 120)
    return person


def login(client, user):
    client.force_login(user)
    return client


def test_my_points_shows_balance_and_statement(client, resident):
    page = login(client, resident.user).get(reverse("points:my_points"))
    assert page.status_code == 200
    assert b'data-testid="balance">120<' in page.content
    assert b"test funds" in page.content


def test_login_without_resident_record_is_told_what_to_do(client, make_user):
    page = login(client, make_user()).get(reverse("points:store"))
    assert page.status_code == 200
    assert "points/no_resident.html" in [t.name for t in page.templates]


def test_order_through_the_store_shows_code_and_qr(client, resident, make_goods):
    goods = make_goods(name="毛巾", price=30, stock=5)
    login(client, resident.user)
    assert "毛巾".encode() in client.get(reverse("points:store")).content
    url = reverse("points:goods_detail", args=[goods.pk])
    form = client.get(url)
    token = re.search(rb'name="token" value="([^"]+)"', form.content)[1].decode()
    answer = client.post(url, {"quantity": 2, "token": token})
    order = Order.objects.get()
    assert answer.status_code == 302 and answer["Location"] == order.get_absolute_url()
    client.post(url, {"quantity": 2, "token": token})  # a double tap
    assert Order.objects.count() == 1
    detail = client.get(order.get_absolute_url())
    assert order.code_display.encode() in detail.content
    assert b"<svg" in detail.content
    assert person_balance(resident) == 60


def test_insufficient_points_is_explained(client, resident, make_goods):
    goods = make_goods(price=500)
    url = reverse("points:goods_detail", args=[goods.pk])
    answer = login(client, resident.user).post(url, {"quantity": 1, "token": "t"})
    assert answer.status_code == 200
    assert b'role="alert"' in answer.content
    assert not Order.objects.exists()


def test_other_residents_order_is_not_found(client, resident, make_goods, make_person):
    login(client, resident.user)
    goods = make_goods()
    client.post(reverse("points:goods_detail", args=[goods.pk]), {"quantity": 1, "token": "x"})
    order = Order.objects.get()
    login(client, make_person().user)
    assert client.get(order.get_absolute_url()).status_code == 404
    assert client.post(reverse("points:order_cancel", args=[order.pk])).status_code == 404


def test_resident_cancels_own_order(client, resident, make_goods):
    goods = make_goods(price=20)
    login(client, resident.user)
    client.post(reverse("points:goods_detail", args=[goods.pk]), {"quantity": 1, "token": "x"})
    order = Order.objects.get()
    client.post(reverse("points:order_cancel", args=[order.pk]))
    assert Order.objects.get().state == "cancelled"
    assert person_balance(resident) == 120


def test_clerk_checks_and_hands_over_a_code(client, resident, make_goods, clerk):
    login(client, resident.user)
    goods = make_goods(price=20)
    client.post(reverse("points:goods_detail", args=[goods.pk]), {"quantity": 1, "token": "x"})
    order = Order.objects.get()
    login(client, clerk)
    url = reverse("points:clerk")
    checked = client.get(url, {"code": order.code_display.lower()})
    assert b'data-testid="clerk-order"' in checked.content and "王*明".encode() in checked.content
    assert "王小明".encode() not in checked.content
    client.post(url, {"code": order.code})
    assert Order.objects.get().state == "handed_over"
    again = client.post(url, {"code": order.code}, HTTP_HX_REQUEST="true")
    assert b'role="alert"' in again.content and b"<html" not in again.content


def test_staff_see_an_order_but_not_its_code(client, resident, make_goods, staff):
    login(client, resident.user)
    goods = make_goods(price=20)
    client.post(reverse("points:goods_detail", args=[goods.pk]), {"quantity": 1, "token": "x"})
    order = Order.objects.get()
    page = login(client, staff).get(order.get_absolute_url())
    assert page.status_code == 200
    assert (
        order.code.encode() not in page.content and order.code_display.encode() not in page.content
    )
    assert b"<svg" not in page.content


def test_clerk_page_is_hidden_from_residents(client, resident):
    assert login(client, resident.user).get(reverse("points:clerk")).status_code == 404


def test_staff_set_a_rule(client, staff, community):
    login(client, staff)
    url = reverse("points:rule_edit", args=[community.code, Reason.SERVICE_HOUR])
    answer = client.post(
        url, {"points_per_unit": 12, "daily_cap": 48, "monthly_cap": "", "is_active": "on"}
    )
    assert answer.status_code == 302
    rule = PointsRule.objects.get(community=community, reason=Reason.SERVICE_HOUR)
    assert (rule.points_per_unit, rule.daily_cap, rule.monthly_cap) == (12, 48, None)


def test_staff_pages_are_404_for_others(client, clerk, community, make_person):
    for user in (clerk, make_person().user):
        login(client, user)
        for name in ("manage", "good_deeds", "ledger", "goods_new"):
            assert client.get(reverse(f"points:{name}", args=[community.code])).status_code == 404


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("rice.png", buffer.getvalue(), content_type="image/png")


def test_staff_add_goods_donate_and_write_off(client, staff, community, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(client, staff)
    answer = client.post(
        reverse("points:goods_new", args=[community.code]),
        {
            "name": "大米",
            "price": 80,
            "photo": _png(),
            "limit_period": "month",
            "limit_per_person": 1,
            "is_active": "on",
        },
    )
    goods = Goods.objects.get()
    assert answer.status_code == 302 and goods.photo
    client.post(reverse("points:stock_in", args=[community.code, goods.pk]), {"quantity": 10})
    client.post(
        reverse("points:write_off", args=[community.code, goods.pk]),
        {"quantity": 2, "reason": "受潮"},
    )
    assert Goods.objects.get().stock == 8
    page = client.get(reverse("points:goods_stock", args=[community.code, goods.pk]))
    assert "受潮".encode() in page.content


def test_a_non_image_photo_is_refused(client, staff, community):
    login(client, staff)
    fake = SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png")
    answer = client.post(
        reverse("points:goods_new", args=[community.code]),
        {"name": "x", "price": 1, "photo": fake, "limit_period": "none"},
    )
    assert answer.status_code == 200 and not Goods.objects.exists()


def test_staff_approve_a_good_deed_and_reverse_it(client, staff, community, rules, resident):
    login(client, resident.user)
    client.post(
        reverse("points:good_deed_new"),
        {"description": "清理了楼道", "occurred_on": "2025-06-01"},
    )
    deed = GoodDeed.objects.get()
    login(client, staff)
    client.post(reverse("points:good_deed_decide", args=[community.code, deed.pk, "approve"]))
    assert person_balance(resident) == 140
    txn = Transaction.objects.get(reason=Reason.GOOD_DEED)
    ledger = client.get(reverse("points:ledger", args=[community.code]))
    assert reverse("points:reverse", args=[community.code, txn.pk]).encode() in ledger.content
    client.post(reverse("points:reverse", args=[community.code, txn.pk]), {"reason": "重复"})
    assert person_balance(resident) == 120


def test_wall_is_public_and_masks_names(client, rules, resident, community):
    points_award(person=resident, reason=Reason.GOOD_DEED, idempotency_key="wall")
    page = client.get(reverse("points:wall", args=[community.code]))
    assert page.status_code == 200
    assert "王*明".encode() in page.content and "王小明".encode() not in page.content
    assert client.get(reverse("points:wall", args=["no-such"])).status_code == 404
    assert client.get(reverse("points:wall_index")).status_code == 200


def test_wall_query_count_stays_flat(
    client, rules, make_person, community, django_assert_max_num_queries
):
    for n in range(12):
        points_award(person=make_person(), reason=Reason.GOOD_DEED, idempotency_key=f"k{n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("points:wall", args=[community.code]))
