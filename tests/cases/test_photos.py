"""Photos: EXIF (GPS) stripped before storing, thumbnails, bad uploads refused, nothing stored."""

import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from gongzhi.cases.choices import PhotoStage, State
from gongzhi.cases.models import Case, CasePhoto
from gongzhi.cases.services import case_add_photos, case_resolve

from .conftest import jpeg_bytes
from .helpers import drive


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def gps_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (32.0, 3.0, 0.0)
    gps[3] = "E"
    gps[4] = (120.0, 51.0, 0.0)
    data = jpeg_bytes(size=(800, 600), exif=exif)
    with Image.open(io.BytesIO(data)) as check:  # the fixture really carries GPS
        assert check.getexif().get_ifd(0x8825)
    return data


def test_gps_exif_is_gone_from_stored_photo_and_thumbnail(world, report, media):
    upload = SimpleUploadedFile("IMG_0001.jpg", gps_jpeg(), content_type="image/jpeg")
    case = report(photos=[upload])
    photo = CasePhoto.objects.get(case=case)
    assert photo.stage == PhotoStage.BEFORE
    for stored in (photo.image, photo.thumbnail):
        with stored.open("rb") as fh, Image.open(fh) as image:
            assert not image.getexif(), stored.name
            assert "exif" not in image.info
    with photo.thumbnail.open("rb") as fh, Image.open(fh) as thumb:
        assert max(thumb.size) <= 320
    assert (photo.width, photo.height) == (800, 600)
    assert "IMG_0001" not in photo.image.name  # names say nothing about the uploader


@pytest.mark.parametrize(
    ("payload", "name"),
    [
        (b"%PDF-1.4 not a photo at all", "report.jpg"),
        (b"<script>alert(1)</script>", "x.png"),
        (b"", "empty.jpg"),
    ],
)
def test_non_image_is_refused_and_nothing_stored(world, report, media, payload, name):
    good = SimpleUploadedFile("ok.jpg", jpeg_bytes())
    with pytest.raises(ValidationError) as info:
        report(photos=[good, SimpleUploadedFile(name, payload)])
    assert name in info.value.message_dict["photos"][0]
    assert not Case.objects.exists() and not CasePhoto.objects.exists()
    assert _files(media) == []


def test_oversized_upload_is_refused_with_a_clear_message(world, report, media):
    with override_settings(GONGZHI_PHOTO_MAX_BYTES=1024 * 1024):
        big = SimpleUploadedFile("big.jpg", os.urandom(1024 * 1024 + 1))
        with pytest.raises(ValidationError) as info:
            report(photos=[big])
    assert "1 MB" in info.value.message_dict["photos"][0]
    assert not Case.objects.exists() and _files(media) == []


def test_failing_service_removes_the_files_it_wrote(world, report, media, monkeypatch):
    case = drive(world, report(), State.HANDLING)

    def broken(**kwargs):
        raise RuntimeError("mail server on fire")

    # Fails after the photos were written, inside the same transaction.
    monkeypatch.setattr("gongzhi.cases.services.workflow.notify", broken)
    with pytest.raises(RuntimeError):
        case_resolve(case=case, actor=world["users"]["handler"], note="done", photos=[jpeg_bytes()])
    assert _files(media) == []
    assert not CasePhoto.objects.exists()
    assert Case.objects.get(pk=case.pk).state == State.HANDLING


def test_resolution_needs_an_after_photo_when_the_category_says_so(world, report, media):
    world["lift"].photo_required_at_resolution = True
    world["lift"].save()
    case = drive(world, report(), State.HANDLING)
    with pytest.raises(ValidationError) as info:
        case_resolve(case=case, actor=world["users"]["handler"], note="修好了")
    assert "photos" in info.value.message_dict
    case = case_resolve(
        case=case, actor=world["users"]["handler"], note="修好了", photos=[jpeg_bytes()]
    )
    assert case.state == State.RESOLVED
    assert case.photos.filter(stage=PhotoStage.AFTER).count() == 1


def test_photo_required_at_report(world, report, media):
    world["lift"].photo_required_at_report = True
    world["lift"].save()
    with pytest.raises(ValidationError) as info:
        report()
    assert "photos" in info.value.message_dict
    assert report(photos=[jpeg_bytes()]).photos.count() == 1


def test_stranger_may_not_add_photos(world, report, media):
    from django.core.exceptions import PermissionDenied

    case = report()
    with pytest.raises(PermissionDenied):
        case_add_photos(case=case, photos=[jpeg_bytes()], actor=world["users"]["stranger"])
    assert _files(media) == []
    added = case_add_photos(case=case, photos=[jpeg_bytes()], actor=world["users"]["resident"])
    assert len(added) == 1
