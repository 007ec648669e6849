"""Checking and cleaning uploaded report photos.

The type is decided by the content (Pillow opens it), never by the name or the browser's
claim. The image is re-encoded: that drops EXIF (with its GPS position and camera serial) and
anything hidden after the image data, and large photos are scaled down.
"""

from __future__ import annotations

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2048
MAX_PHOTOS = 9
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_photo(upload, *, field: str = "photos") -> tuple[ContentFile, int, int]:
    """A cleaned copy of an uploaded photo as (file, width, height), or ``ValidationError``."""
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
            # Pillow warns before it refuses a decompression bomb; we refuse by size below.
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
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise not_image from exc
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif kind == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[kind]}"), *image.size
