"""Photos over Open311: multipart ``media`` on a request and on an update, ``media_url`` kept
as sent (never fetched), and a department system closing a case that needs an after photo."""

import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongzhi.cases.choices import PhotoStage, State
from gongzhi.cases.models import Case, CasePhoto
from gongzhi.cases.services import case_verify
from tests.cases.conftest import jpeg_bytes
from tests.cases.helpers import drive
from tests.open311.helpers import error_of


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the server tried to connect somewhere")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def photo(name="lift.jpg", data=None):
    return SimpleUploadedFile(name, data or jpeg_bytes(size=(320, 240)), content_type="image/jpeg")


def _update(client, key, **fields):
    return client.post("/open311/v2/servicerequestupdates.json", {"api_key": key, **fields})


def test_request_with_multipart_media_stores_a_clean_photo(client, post_report, keys):
    response = post_report(media=[photo(), photo("b.png")])
    assert response.status_code == 201, response.content
    ref = response.json()[0]["service_request_id"]
    case = Case.objects.get(reference=ref)
    assert case.photos.filter(stage=PhotoStage.BEFORE).count() == 2
    with case.photos.first().image.open("rb") as fh, Image.open(fh) as image:
        assert image.format == "JPEG" and not image.getexif()
    shown = client.get(f"/open311/v2/requests/{ref}.json", {"api_key": keys["reporter"]}).json()
    assert shown[0]["media_url"].startswith("http://testserver/")


def test_a_bad_media_file_refuses_the_whole_request(post_report):
    response = post_report(media=[photo(), photo("x.jpg", b"<?php evil(); ?>")])
    assert "x.jpg" in error_of(response, 400)
    assert not Case.objects.exists() and not CasePhoto.objects.exists()


def test_media_url_is_stored_not_fetched_and_shown_only_to_keys_that_see_it(
    client, post_report, keys, no_network
):
    response = post_report(media_url="http://169.254.169.254/latest/meta-data/")
    assert response.status_code == 201
    ref = response.json()[0]["service_request_id"]
    case = Case.objects.get(reference=ref)
    assert case.media_url == "http://169.254.169.254/latest/meta-data/"
    assert not case.photos.exists()
    shown = client.get(f"/open311/v2/requests/{ref}.json", {"api_key": keys["reporter"]}).json()
    assert shown[0]["media_url"] == case.media_url
    Case.objects.filter(pk=case.pk).update(is_public=True)
    public = client.get(f"/open311/v2/requests/{ref}.json").json()
    assert public[0]["media_url"] == ""
    assert post_report(media_url="ftp://example.org/x.jpg").status_code == 400


def test_department_closes_a_photo_required_case_with_an_update_carrying_the_photo(
    client, keys, world, report
):
    world["lift"].photo_required_at_resolution = True
    world["lift"].save()
    case = drive(world, report(is_public=True), State.HANDLING)
    fields = {"service_request_id": case.reference, "status": "FIXED", "description": "已修好"}
    without = _update(client, keys["department"], **fields)
    assert "photo" in error_of(without, 400)
    assert Case.objects.get(pk=case.pk).state == State.HANDLING
    fixed = _update(client, keys["department"], **fields, media=photo())
    assert fixed.status_code == 201, fixed.content
    assert Case.objects.get(pk=case.pk).state == State.RESOLVED
    after = CasePhoto.objects.get(case=case, stage=PhotoStage.AFTER)
    assert fixed.json()[0]["media_url"].endswith(after.image.url)
    # Verification closes it: the after photo the department sent is what was checked.
    closed = case_verify(
        case=Case.objects.get(pk=case.pk), actor=world["users"]["grid_worker"], passed=True
    )
    assert closed.state == State.CLOSED


def test_in_progress_update_with_a_photo_adds_it_in_the_same_step(client, keys, world, report):
    case = drive(world, report(is_public=True), State.DISPATCHED)
    answer = _update(
        client,
        keys["department"],
        service_request_id=case.reference,
        status="IN_PROGRESS",
        media=photo(),
    )
    assert answer.status_code == 201, answer.content
    assert Case.objects.get(pk=case.pk).state == State.HANDLING
    assert case.photos.filter(stage=PhotoStage.AFTER).count() == 1


def test_an_update_with_a_bad_photo_changes_nothing(client, keys, world, report):
    case = drive(world, report(is_public=True), State.HANDLING)
    answer = _update(
        client,
        keys["department"],
        service_request_id=case.reference,
        status="FIXED",
        description="已修好",
        media=photo("bad.jpg", b"GIF89a but not really"),
    )
    assert "bad.jpg" in error_of(answer, 400)
    assert Case.objects.get(pk=case.pk).state == State.HANDLING
