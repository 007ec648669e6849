"""The loop over the API: rating (回访), reopening, the timeline's actors, photos by upload id
or multipart, and uploads that are bound to their sender and expire."""

import datetime as dt
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from gongzhi.api.keys import apikey_create
from gongzhi.api.models import MediaUpload
from gongzhi.cases.choices import PhotoStage, State
from gongzhi.cases.models import Case, CasePhoto, Rating
from tests.cases.conftest import jpeg_bytes
from tests.cases.helpers import drive


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _as(client, world, name):
    client.force_login(world["users"][name])
    return client


def _post(client, path, body=None, **headers):
    return client.post(path, body or {}, content_type="application/json", **headers)


def _gps_jpeg() -> bytes:
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (32.0, 3.0, 0.0)
    return jpeg_bytes(size=(400, 300), exif=exif)


def _upload(client, data=None, **headers):
    file = SimpleUploadedFile("after.jpg", data or _gps_jpeg(), content_type="image/jpeg")
    return client.post("/api/media", {"file": file}, **headers)


@pytest.fixture
def closed(world, report):
    return drive(world, report(), State.CLOSED)


@pytest.fixture
def department_key(world):
    _k, key = apikey_create(
        name="property-system",
        node=world["community"],
        party=world["property_co"],
        permissions=["cases.view", "cases.handle", "cases.comment"],
    )
    return {"HTTP_X_API_KEY": key}


# -- rating ------------------------------------------------------------------------------------


def test_reporter_rates_through_the_same_service_as_the_web_form(client, world, closed):
    api = _as(client, world, "resident")
    body = {"contacted": True, "solved": True, "satisfied": True, "comment": "谢谢"}
    answer = _post(api, f"/api/cases/{closed.reference}/rate", body)
    assert answer.status_code == 201, answer.content
    assert answer.json()["outcome"] == "nothing"
    rating = Rating.objects.get(case=closed)
    assert (rating.contacted, rating.solved, rating.satisfied) == (True, True, True)
    assert rating.channel == "self" and rating.by == world["users"]["resident"]
    again = _post(api, f"/api/cases/{closed.reference}/rate", body)
    assert again.status_code == 409 and again.json()["code"] == "rated"


def test_unsatisfied_rating_reopens_the_case_as_the_policy_says(client, world, closed):
    api = _as(client, world, "resident")
    body = {"contacted": True, "solved": False, "satisfied": False, "comment": "还是坏的"}
    answer = _post(api, f"/api/cases/{closed.reference}/rate", body)
    assert answer.status_code == 201
    assert answer.json()["outcome"] == "reopen"
    assert answer.json()["case"]["state"] == State.REWORK
    assert Case.objects.get(pk=closed.pk).rework_count == 1


def test_rating_rules_are_the_services(client, world, report, closed):
    open_case = report()
    resident = _as(client, world, "resident")
    yes = {"contacted": True, "solved": True, "satisfied": True}
    assert _post(resident, f"/api/cases/{open_case.reference}/rate", yes).status_code == 409
    too_long = _post(
        resident, f"/api/cases/{closed.reference}/rate", {**yes, "comment": "长" * 1001}
    )
    assert too_long.status_code == 400 and too_long.json()["errors"][0]["field"] == "comment"
    # The reporter may not pretend to be a phone call; a stranger does not see the case.
    assert (
        _post(resident, f"/api/cases/{closed.reference}/rate", {**yes, "channel": "phone"})
    ).status_code == 403
    stranger = _as(client, world, "stranger")
    assert _post(stranger, f"/api/cases/{closed.reference}/rate", yes).status_code == 404
    assert not Rating.objects.exists()


def test_staff_with_followup_record_a_phone_call(client, world, closed):
    body = {"contacted": True, "solved": True, "satisfied": True, "channel": "phone"}
    # A supervisor sees the case but holds no cases.followup.
    supervisor = _as(client, world, "supervisor")
    assert _post(supervisor, f"/api/cases/{closed.reference}/rate", body).status_code == 403
    api = _as(client, world, "dispatcher")
    answer = _post(api, f"/api/cases/{closed.reference}/rate", body)
    assert answer.status_code == 201
    assert Rating.objects.get(case=closed).channel == "phone"


def test_reopen_over_the_api_is_staffs_and_counts_as_rework(client, world, closed):
    resident = _as(client, world, "resident")
    assert (
        _post(resident, f"/api/cases/{closed.reference}/reopen", {"reason": "又坏了"})
    ).status_code == 403
    staff = _as(client, world, "staff")
    answer = _post(staff, f"/api/cases/{closed.reference}/reopen", {"reason": "居民来电说又坏了"})
    assert answer.status_code == 200 and answer.json()["state"] == State.REWORK
    assert answer.json()["rework_count"] == 1


# -- the timeline's actors ------------------------------------------------------------------


def test_timeline_names_the_actor_for_staff_and_masks_it_for_the_reporter(client, world, report):
    world["users"]["dispatcher"].first_name = "明"
    world["users"]["dispatcher"].last_name = "张三"
    world["users"]["dispatcher"].save()
    case = drive(world, report(), State.ACCEPTED)
    staff = _as(client, world, "staff").get(f"/api/cases/{case.reference}").json()
    accept = next(e for e in staff["timeline"] if e["action"] == "accept")
    assert accept["actor"]["username"] == "dispatcher"
    assert "张三" in accept["actor"]["name"]
    mine = _as(client, world, "resident").get(f"/api/cases/{case.reference}").json()
    accept = next(e for e in mine["timeline"] if e["action"] == "accept")
    assert accept["actor"]["username"] is None
    assert "张三" not in str(mine["timeline"]) and "dispatcher" not in str(mine["timeline"])
    assert all(e["public"] for e in mine["timeline"])


# -- photos ------------------------------------------------------------------------------------


def test_department_resolves_a_photo_required_case_with_an_uploaded_photo(
    client, world, report, department_key
):
    world["lift"].photo_required_at_resolution = True
    world["lift"].save()
    case = drive(world, report(), State.HANDLING)
    url = f"/api/cases/{case.reference}/resolve"
    refused = _post(client, url, {"note": "修好了"}, **department_key)
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "photos"
    uploaded = _upload(client, **department_key)
    assert uploaded.status_code == 201, uploaded.content
    media_id = uploaded.json()["id"]
    answer = _post(client, url, {"note": "修好了", "media": [media_id]}, **department_key)
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == State.RESOLVED
    photo = CasePhoto.objects.get(case=case, stage=PhotoStage.AFTER)
    with photo.image.open("rb") as fh, Image.open(fh) as image:
        assert not image.getexif().get_ifd(0x8825)
    assert not MediaUpload.objects.exists()  # used once


def test_an_upload_is_its_senders_and_used_once(client, world, report, department_key):
    case = drive(world, report(), State.HANDLING)
    media_id = _upload(_as(client, world, "staff")).json()["id"]
    client.logout()
    url = f"/api/cases/{case.reference}/resolve"
    theirs = _post(client, url, {"note": "修好了", "media": [media_id]}, **department_key)
    assert theirs.status_code == 400 and theirs.json()["errors"][0]["field"] == "media"
    assert Case.objects.get(pk=case.pk).state == State.HANDLING
    assert MediaUpload.objects.filter(pk=media_id).exists()
    bad = _post(client, url, {"note": "修好了", "media": ["not-an-id"]}, **department_key)
    assert bad.status_code == 400


def test_a_failed_action_keeps_the_upload_for_a_retry(client, world, report, department_key):
    case = drive(world, report(), State.DISPATCHED)
    media_id = _upload(client, **department_key).json()["id"]
    # The handler's key may resolve, but the case changed since version 1.
    answer = _post(
        client,
        f"/api/cases/{case.reference}/resolve",
        {"note": "修好了", "media": [media_id], "expected_version": 1},
        **department_key,
    )
    assert answer.status_code == 409
    assert MediaUpload.objects.filter(pk=media_id).exists()
    assert not CasePhoto.objects.exists()


def test_upload_refuses_what_is_not_a_photo(client, department_key):
    answer = _upload(client, b"<script>alert(1)</script>", **department_key)
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "file"
    assert client.post("/api/media", {}).status_code in (400, 401)
    assert not MediaUpload.objects.exists()


def test_photos_endpoint_takes_multipart_files_and_upload_ids(
    client, world, report, department_key
):
    case = drive(world, report(), State.HANDLING)
    media_id = _upload(client, **department_key).json()["id"]
    files = [SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")]
    answer = client.post(
        f"/api/cases/{case.reference}/photos",
        {"files": files, "media": [media_id], "stage": "after"},
        **department_key,
    )
    assert answer.status_code == 201, answer.content
    assert not MediaUpload.objects.exists(), "media id not taken"
    assert CasePhoto.objects.filter(case=case, stage=PhotoStage.AFTER).count() == 2


def test_expired_uploads_go_with_the_orphan_sweep(client, department_key, media):
    media_id = _upload(client, **department_key).json()["id"]
    row = MediaUpload.objects.get(pk=media_id)
    path = row.image.path
    MediaUpload.objects.filter(pk=media_id).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    out = io.StringIO()
    call_command("remove_orphaned_media", "--delete", "--min-age", "0", stdout=out)
    assert "api.media_upload: removed 1 expired" in out.getvalue()
    assert not MediaUpload.objects.exists()
    assert not os.path.exists(path)
