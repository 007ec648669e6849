import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongzhi.volunteering import photos


def upload(data: bytes, name="p.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def encoded(fmt: str, size=(40, 30), **kwargs) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "blue").save(out, fmt, **kwargs)
    return out.getvalue()


def test_exif_and_trailing_data_are_dropped():
    exif = Image.Exif()
    exif[0x8825] = {1: "N"}  # GPS info
    data = encoded("JPEG", exif=exif.tobytes()) + b"<?php evil(); ?>"
    content, width, height = photos.clean_photo(upload(data))
    cleaned = content.read()
    assert b"evil" not in cleaned and (width, height) == (40, 30)
    assert not Image.open(io.BytesIO(cleaned)).getexif()


def test_type_is_decided_by_content_not_name():
    content, _w, _h = photos.clean_photo(upload(encoded("PNG"), name="photo.jpg"))
    assert content.name.endswith(".png")
    with pytest.raises(ValidationError):
        photos.clean_photo(upload(encoded("GIF"), name="photo.jpg"))
    with pytest.raises(ValidationError):
        photos.clean_photo(upload(b"not an image at all"))


def test_oversized_files_and_pixel_bombs_are_refused(monkeypatch):
    monkeypatch.setattr(photos, "MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="larger"):
        photos.clean_photo(upload(encoded("JPEG", size=(200, 200))))
    monkeypatch.setattr(photos, "MAX_BYTES", 10_000_000)
    monkeypatch.setattr(photos, "MAX_PIXELS", 100)
    with pytest.raises(ValidationError, match="pixels"):
        photos.clean_photo(upload(encoded("PNG", size=(20, 20))))


def test_large_photos_are_scaled_down(monkeypatch):
    monkeypatch.setattr(photos, "MAX_SIDE", 16)
    _content, width, height = photos.clean_photo(upload(encoded("JPEG", size=(64, 32))))
    assert (width, height) == (16, 8)
