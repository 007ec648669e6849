import datetime as dt
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongzhi.charity.choices import DeliveryState, PhotoKind
from gongzhi.charity.services import (
    delivery_add_photo,
    delivery_cancel,
    delivery_complete,
    delivery_sign_off,
)
from gongzhi.core.models import AuditEntry
from gongzhi.org.services import person_create
from gongzhi.volunteering.services import (
    activity_create,
    activity_publish,
    signup_create,
    team_create,
)


def test_delivery_cannot_be_done_without_sign_off(make_delivery):
    delivery = make_delivery(quantity=2)
    with pytest.raises(ValidationError) as caught:
        delivery_complete(delivery=delivery)
    assert "signed_by_name" in caught.value.message_dict
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.PLANNED


def test_sign_off_with_photo_then_done(make_delivery, photo):
    delivery = make_delivery(quantity=2)
    delivery_sign_off(delivery=delivery, signed_by_name="扎西校长", photo=photo)
    delivery = delivery_complete(delivery=delivery)
    assert delivery.state == DeliveryState.DONE
    assert delivery.photos.get().kind == PhotoKind.SIGN_OFF
    assert AuditEntry.objects.filter(action="charity.delivery.signed").exists()


def test_sign_off_needs_a_name_or_mark(make_delivery):
    delivery = make_delivery()
    with pytest.raises(ValidationError) as caught:
        delivery_sign_off(delivery=delivery, signed_by_name=" ", sign_mark="")
    assert "signed_by_name" in caught.value.message_dict


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_signed(make_delivery):
    delivery = make_delivery()
    fake = SimpleUploadedFile("sign.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        delivery_sign_off(delivery=delivery, signed_by_name="扎西", photo=fake)
    assert "photo" in caught.value.message_dict
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.PLANNED


def test_signed_delivery_cannot_be_cancelled(make_delivery):
    delivery = make_delivery()
    delivery_sign_off(delivery=delivery, sign_mark="按手印")
    with pytest.raises(ValidationError):
        delivery_cancel(delivery=delivery, reason="x")


def test_proof_photos_are_cleaned_of_exif(make_delivery, photo):
    from PIL import Image

    delivery = make_delivery()
    picture = delivery_add_photo(delivery=delivery, photo=photo)
    with Image.open(picture.image.path) as image:
        assert not image.getexif()
    assert picture.kind == PhotoKind.PROOF


@pytest.fixture
def activity(community):
    now = timezone.now()
    team = team_create(node=community, name="爱心送达队")
    activity = activity_create(
        team=team,
        title="玉树助学物资送达",
        location="社区爱心仓库",
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(hours=4),
        capacity=5,
        signup_opens_at=now - timedelta(days=1),
        signup_closes_at=now + timedelta(hours=1),
    )
    return activity_publish(activity=activity)


def test_volunteers_must_serve_in_the_linked_activity(
    make_delivery, activity, small_tree, make_user
):
    volunteer = person_create(node=small_tree["b1"], name="李志愿", user=make_user("vol"))
    stranger = person_create(node=small_tree["b1"], name="王路人")
    signup_create(activity=activity, person=volunteer)
    with pytest.raises(ValidationError) as caught:
        make_delivery(activity=activity, volunteers=[volunteer, stranger])
    assert "王路人" in caught.value.message_dict["volunteers"][0]
    with pytest.raises(ValidationError):
        make_delivery(volunteers=[volunteer])
    delivery = make_delivery(activity=activity, volunteers=[volunteer])
    assert list(delivery.volunteers.all()) == [volunteer]


def test_a_delivery_volunteer_may_sign_off_but_a_stranger_may_not(
    make_delivery, activity, small_tree, make_user
):
    login = make_user("vol")
    volunteer = person_create(node=small_tree["b1"], name="李志愿", user=login)
    signup_create(activity=activity, person=volunteer)
    delivery = make_delivery(activity=activity, volunteers=[volunteer])
    with pytest.raises(PermissionDenied):
        delivery_sign_off(delivery=delivery, signed_by_name="扎西", actor=make_user("nobody"))
    delivery_sign_off(delivery=delivery, signed_by_name="扎西", actor=login)
    delivery_complete(delivery=delivery, actor=login)
    assert delivery.__class__.objects.visible_to(login).get() == delivery


def test_delivery_dates_and_recipient_are_required(make_delivery):
    with pytest.raises(ValidationError) as caught:
        make_delivery(recipient_name="")
    assert "recipient_name" in caught.value.message_dict
    with pytest.raises(ValidationError):
        make_delivery(scheduled_on=None)
    assert make_delivery(scheduled_on=dt.date(2026, 8, 1)).pk
