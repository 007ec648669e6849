"""A volunteer's delivery on a phone (390×844): open it, record the recipient's sign-off with a
photo, mark it delivered, and the public drive page shows the delivered quantity."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from gongzhi.charity.choices import DeliveryState
from gongzhi.charity.models import Delivery
from gongzhi.org.services import person_create
from gongzhi.volunteering.services import (
    activity_create,
    activity_publish,
    signup_create,
    team_create,
)
from tests.browser.helpers import login, screenshot
from tests.charity.conftest import jpeg_bytes


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_volunteer_signs_off_a_delivery_on_the_phone(
    new_page, live_server, make_delivery, community, small_tree, make_user, tmp_path
):
    now = timezone.now()
    team = team_create(node=community, name="爱心送达队")
    activity = activity_publish(
        activity=activity_create(
            team=team,
            title="助学物资送达",
            location="社区爱心仓库",
            starts_at=now + timedelta(hours=2),
            ends_at=now + timedelta(hours=4),
            capacity=3,
            signup_opens_at=now - timedelta(days=1),
            signup_closes_at=now + timedelta(hours=1),
        )
    )
    volunteer = person_create(node=small_tree["b1"], name="周志愿", user=make_user("zhou"))
    signup_create(activity=activity, person=volunteer)
    delivery = make_delivery(quantity=4, activity=activity, volunteers=[volunteer])
    photo = tmp_path / "sign.jpg"
    photo.write_bytes(jpeg_bytes())

    phone = new_page(phone=True)
    assert phone.viewport_size == {"width": 390, "height": 844}
    login(phone, live_server, "zhou", "pw-for-tests")
    phone.goto(live_server.url + reverse("charity:staff_index"))
    phone.click("[data-testid=my-delivery]")
    phone.fill("#id_signed_by_name", "扎西校长")
    phone.set_input_files("#id_photo", str(photo))
    with phone.expect_navigation():
        phone.click("[data-testid=sign-off]")
    with phone.expect_navigation():
        phone.click("[data-testid=complete]")
    with translation.override(settings.LANGUAGE_CODE):
        done = str(DeliveryState.DONE.label)
    assert phone.locator("[data-testid=delivery-state]").inner_text() == done
    screenshot(phone, "charity-delivery-signed")

    delivery.refresh_from_db()
    assert delivery.state == "done" and delivery.photos.count() == 1
    phone.goto(live_server.url + reverse("charity:drive_public", args=[delivery.drive_id]))
    assert phone.locator("[data-testid='delivered-笔记本']").inner_text() == "4"
    screenshot(phone, "charity-drive-public")
    assert not phone.js_errors and not phone.external_requests
    assert Delivery.objects.get().signed_by_name == "扎西校长"
