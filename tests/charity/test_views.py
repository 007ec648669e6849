import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongzhi.charity.services import (
    delivery_complete,
    delivery_sign_off,
    pledge_create,
    pledge_receive,
)
from gongzhi.core.models import AuditEntry


@pytest.fixture
def delivered(make_delivery):
    delivery = make_delivery(quantity=3, recipient_name="马建国家", public_category="困难家庭")
    delivery_sign_off(delivery=delivery, signed_by_name="马建国")
    return delivery_complete(delivery=delivery)


def test_public_drive_page_shows_goal_received_and_delivered(client, delivered, kinds):
    response = client.get(reverse("charity:drive_public", args=[delivered.drive_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "10 of 200" in body  # notebooks received against the goal
    assert 'data-testid="delivered-笔记本">3<' in body
    assert "困难家庭" in body and "马建国" not in body  # no consent: by category and node


def test_public_drive_page_names_the_recipient_only_with_consent(client, make_delivery):
    delivery = make_delivery(
        quantity=1, recipient_name="玉树州第一民族小学", public_name_consent=True
    )
    delivery_sign_off(delivery=delivery, signed_by_name="扎西")
    delivery_complete(delivery=delivery)
    body = client.get(reverse("charity:drive_public", args=[delivery.drive_id])).content.decode()
    assert "玉树州第一民族小学" in body


def test_anonymous_donors_stay_anonymous_and_others_are_masked(client, drive, place, kinds):
    secret = pledge_create(
        drive=drive, donor_name="赵秘密", is_anonymous=True, items=[(kinds["bag"], 1)]
    )
    known = pledge_create(
        drive=drive, donor_name="钱多多", donor_phone="13912345678", items=[(kinds["bag"], 1)]
    )
    pledge_receive(pledge=secret, place=place)
    pledge_receive(pledge=known, place=place)
    body = client.get(reverse("charity:drive_public", args=[drive.pk])).content.decode()
    assert "赵秘密" not in body and "An anonymous donor" in body
    assert "钱多多" not in body and "钱*多" in body
    assert "13912345678" not in body


def test_draft_drives_are_not_public(client, community):
    import datetime as dt

    from gongzhi.charity.services import drive_create

    draft = drive_create(
        node=community,
        title="草稿",
        purpose="x",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 1, 2),
    )
    assert client.get(reverse("charity:drive_public", args=[draft.pk])).status_code == 404


def test_acknowledgement_verifies_with_number_and_code_only(client, stocked):
    ack = stocked.pledges.get().acknowledgement
    url = reverse("charity:verify")
    good = client.get(url, {"number": ack.number, "code": ack.check_code}).content.decode()
    assert 'data-testid="verified"' in good and "张三" not in good
    bad = client.get(url, {"number": ack.number, "code": "WRONGCOD"}).content.decode()
    assert 'data-testid="not-verified"' in bad


def test_verification_is_rate_limited_per_address(client, stocked, settings):
    settings.GONGZHI_CHARITY_VERIFY_LIMIT = 2
    url = reverse("charity:verify")
    codes = [
        client.get(
            url, {"number": "JZ2026-000001", "code": "X"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}"
        ).status_code
        for i in range(4)
    ]
    assert codes[-1] == 429


def test_acknowledgement_pdf_for_staff(client, stocked, staff):
    pledge = stocked.pledges.get()
    client.force_login(staff)
    response = client.get(reverse("charity:acknowledgement_pdf", args=[pledge.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_acknowledgement_lines_name_number_goods_and_code(stocked):
    from gongzhi.charity.acknowledgement_pdf import acknowledgement_lines

    ack = stocked.pledges.get().acknowledgement
    lines = acknowledgement_lines(ack.snapshot, ack.check_code)
    assert ack.number in lines["number"] and ack.check_code in lines["number"]
    assert "笔记本10本" in lines["body"] and "张三" in lines["body"]


def test_ledger_export_lists_every_movement(client, stocked, staff):
    client.force_login(staff)
    response = client.get(reverse("charity:ledger_xlsx", args=[stocked.pk]))
    book = load_workbook(io.BytesIO(response.content))
    movements = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert len(movements) == 2
    summary = {row[0]: row for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert summary["笔记本"][1:3] == (200, 10)


def test_ledger_export_refused_to_outsiders(client, stocked, make_user):
    client.force_login(make_user("outsider"))
    assert client.get(reverse("charity:ledger_xlsx", args=[stocked.pk])).status_code == 404


def test_volunteer_signs_off_on_the_phone_page(client, make_delivery, staff, photo):
    delivery = make_delivery(quantity=2)
    client.force_login(staff)
    url = reverse("charity:delivery_phone", args=[delivery.pk])
    response = client.post(url, {"signed_by_name": "扎西", "photo": photo})
    assert response.status_code == 302
    client.post(reverse("charity:delivery_complete", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.state == "done" and delivery.photos.count() == 1


def test_marking_done_without_sign_off_shows_the_reason(client, make_delivery, staff):
    delivery = make_delivery()
    client.force_login(staff)
    response = client.post(reverse("charity:delivery_complete", args=[delivery.pk]), follow=True)
    assert "not signed" in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.state == "planned"


def test_sensitive_fields_only_on_request_and_audited(client, assistance_file, caseworker, staff):
    url = reverse("charity:file_detail", args=[assistance_file.pk])
    client.force_login(staff)
    body = client.get(url + "?show=sensitive").content.decode()
    assert "新胜小学" not in body and "320602" not in body
    client.force_login(caseworker)
    assert "新胜小学" not in client.get(url).content.decode()
    body = client.get(url + "?show=sensitive").content.decode()
    assert "新胜小学四年级" in body
    assert (
        AuditEntry.objects.filter(
            action="charity.assistance.sensitive_viewed", actor=caseworker
        ).count()
        == 1
    )


def test_assistance_files_are_hidden_from_outsiders(client, assistance_file, make_user):
    client.force_login(make_user("outsider"))
    assert client.get(reverse("charity:file_detail", args=[assistance_file.pk])).status_code == 404


def test_community_page_tells_the_story_under_the_pseudonym(
    client, assistance_file, caseworker, community
):
    import datetime as dt

    from gongzhi.charity.services import assistance_visit_add

    assistance_visit_add(
        file=assistance_file,
        kind="visit",
        visited_on=dt.date(2023, 6, 1),
        note="阿依古丽考了全班第一，电话13812345678。",
        is_public=True,
        actor=caseworker,
    )
    body = client.get(reverse("charity:community_public", args=[community.pk])).content.decode()
    assert "小石榴" in body
    assert "阿依古丽" not in body and "13812345678" not in body


def test_staff_hand_goods_to_the_points_store_from_the_drive_page(
    client, stocked, staff, place, kinds, community
):
    from gongzhi.points.models import Goods
    from gongzhi.points.services import goods_create

    goods = goods_create(community=community, actor=None, name="书包", price=100)
    client.force_login(staff)
    page = client.get(reverse("charity:drive_staff", args=[stocked.pk])).content.decode()
    assert f'value="{goods.pk}"' in page
    client.post(
        reverse("charity:transfer_to_store", args=[stocked.pk]),
        {"place": place.pk, "item_kind": kinds["bag"].pk, "goods": goods.pk, "quantity": "2"},
    )
    assert Goods.objects.get(pk=goods.pk).stock == 2
    response = client.post(
        reverse("charity:transfer_to_store", args=[stocked.pk]),
        {"place": place.pk, "item_kind": kinds["bag"].pk, "goods": goods.pk, "quantity": "1.5"},
        follow=True,
    )
    assert "whole number" in response.content.decode()
    assert Goods.objects.get(pk=goods.pk).stock == 2


def test_public_drive_page_queries_stay_flat(client, make_delivery, stocked, place, kinds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("charity:drive_public", args=[stocked.pk])

    def deliver_and_donate(times):
        for _ in range(times):
            delivery = make_delivery(quantity=1)
            delivery_sign_off(delivery=delivery, signed_by_name="甲")
            delivery_complete(delivery=delivery)
            pledge = pledge_create(drive=stocked, donor_name="丙", items=[(kinds["bag"], 1)])
            pledge_receive(pledge=pledge, place=place)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    deliver_and_donate(1)
    few = count()
    deliver_and_donate(4)
    assert count() == few
