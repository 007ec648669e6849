"""core.images: content checks, limits, EXIF removal, thumbnails."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongzhi.core.images import process_photo, process_photos

from .conftest import encoded


def upload(data: bytes, name="p.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def gps_jpeg(size=(800, 600)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (32.0, 3.0, 0.0)
    gps[3] = "E"
    gps[4] = (120.0, 51.0, 0.0)
    data = encoded("JPEG", size=size, exif=exif)
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(0x8825)  # the fixture really carries a position
    return data


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge picture (a decompression bomb's first bytes)."""
    data = bytearray(encoded("PNG", size=(1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def test_gps_and_camera_exif_are_gone_from_photo_and_thumbnail():
    photo = process_photo(upload(gps_jpeg()))
    for blob in (photo.content, photo.thumbnail):
        with Image.open(io.BytesIO(blob)) as image:
            assert not image.getexif()
            assert "exif" not in image.info
            assert image.format == "JPEG"
    with Image.open(io.BytesIO(photo.thumbnail)) as thumb:
        assert max(thumb.size) <= 320
    assert (photo.width, photo.height) == (800, 600)
    assert photo.size == len(photo.content)


def test_trailing_payload_after_the_image_is_dropped():
    photo = process_photo(upload(encoded("JPEG") + b"<?php evil(); ?>"))
    assert b"evil" not in photo.content


def test_type_is_decided_by_content_not_by_name():
    png = process_photo(upload(encoded("PNG", mode="RGBA", color=(0, 0, 255, 0)), "x.jpg"))
    assert Image.open(io.BytesIO(png.content)).format == "JPEG"
    with pytest.raises(ValidationError) as info:
        process_photo(upload(b"%PDF-1.4 not a photo", "scan.jpg"))
    assert "scan.jpg" in info.value.message_dict["photos"][0]
    with pytest.raises(ValidationError):
        process_photo(upload(encoded("TIFF"), "x.png"))  # decodable, but not a format we take


def test_errors_name_the_field_they_belong_to():
    with pytest.raises(ValidationError) as info:
        process_photo(b"", field="media", label="upload")
    assert list(info.value.message_dict) == ["media"]


def test_oversized_upload_is_refused_without_reading_it_all(settings):
    settings.GONGZHI_PHOTO_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match="1 MB"):
        process_photo(upload(b"\xff" * (1024 * 1024 + 1)))


def test_pixel_limit_is_a_setting(settings):
    settings.GONGZHI_PHOTO_MAX_PIXELS = 100
    with pytest.raises(ValidationError, match="pixels"):
        process_photo(upload(encoded("PNG", size=(20, 20))))


def test_decompression_bomb_is_refused_from_its_header():
    bomb = png_claiming(100_000, 100_000)
    assert len(bomb) < 200
    with pytest.raises(ValidationError) as info:
        process_photo(upload(bomb, "bomb.png"))
    assert info.value.error_dict["photos"][0].code == "too_many_pixels"


def test_large_photos_are_scaled_down():
    photo = process_photo(upload(encoded("JPEG", size=(3000, 1500))))
    assert (photo.width, photo.height) == (2560, 1280)


def test_too_many_photos_at_once():
    with pytest.raises(ValidationError, match="At most 2"):
        process_photos([encoded("JPEG")] * 3, limit=2)
    assert len(process_photos([encoded("JPEG")] * 2, limit=2)) == 2
