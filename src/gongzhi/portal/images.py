"""Story photos: checked by content, re-encoded (no EXIF, nothing hidden after the image) and
kept as two sizes made on upload, so that a phone never loads the multi-megabyte original."""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
LARGE_SIDE = 1280
THUMB_SIDE = 480
FORMATS = {"JPEG", "PNG", "WEBP"}


@dataclass
class Renditions:
    image: ContentFile
    width: int
    height: int
    thumb: ContentFile
    thumb_width: int
    thumb_height: int


def _jpeg(image: Image.Image, side: int, name: str) -> tuple[ContentFile, int, int]:
    copy = image.copy()
    copy.thumbnail((side, side))
    if copy.mode not in ("RGB", "L"):
        background = Image.new("RGB", copy.size, (255, 255, 255))
        background.paste(copy, mask=copy.convert("RGBA").split()[-1])
        copy = background
    out = io.BytesIO()
    copy.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name=name), *copy.size


def make_renditions(upload, *, field: str = "photo") -> Renditions:
    """The large and thumbnail JPEGs of an uploaded photo, or ``ValidationError`` on ``field``."""
    name = getattr(upload, "name", "") or "photo"
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {field: _("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": MAX_BYTES >> 20}}
        )
    not_image = ValidationError(
        {field: _("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": name}}
    )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                width, height = probe.size
                probe.verify()
            if kind not in FORMATS:
                raise not_image
            if width * height > MAX_PIXELS:
                raise ValidationError({field: _("%(name)s has too many pixels.") % {"name": name}})
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_image from None
    image = ImageOps.exif_transpose(image)
    stem = uuid.uuid4().hex
    large, w, h = _jpeg(image, LARGE_SIDE, f"{stem}.jpg")
    thumb, tw, th = _jpeg(image, THUMB_SIDE, f"{stem}-t.jpg")
    return Renditions(large, w, h, thumb, tw, th)
