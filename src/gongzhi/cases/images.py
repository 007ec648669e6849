"""Photo checking and re-encoding: content-type by decoding, a size limit, EXIF removed.

Everything here works on bytes in memory and stores nothing: a service first processes every
uploaded photo, and only when all of them pass does it write any file.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2560
THUMB_SIDE = 320
MAX_PHOTOS = 9


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo re-encoded as JPEG without any metadata, with its thumbnail."""

    content: bytes
    thumbnail: bytes
    width: int
    height: int


def max_photo_bytes() -> int:
    return int(getattr(settings, "GONGZHI_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


def _read(upload, limit: int, label: str) -> bytes:
    if isinstance(upload, (bytes, bytearray)):
        data = bytes(upload)
    else:
        size = getattr(upload, "size", None)
        if size is not None and size > limit:
            raise _too_big(label, limit)
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(label, limit)
    if not data:
        raise ValidationError({"photos": _("%(name)s is empty.") % {"name": label}}, code="empty")
    return data


def _too_big(label: str, limit: int) -> ValidationError:
    return ValidationError(
        {
            "photos": _("%(name)s is larger than %(mb)d MB; please send a smaller photo.")
            % {"name": label, "mb": limit // (1024 * 1024)}
        },
        code="too_big",
    )


def _not_image(label: str) -> ValidationError:
    return ValidationError(
        {
            "photos": _("%(name)s is not a photo we can read (use JPEG, PNG or WebP).")
            % {"name": label}
        },
        code="not_image",
    )


def _encode(image: Image.Image, side: int, quality: int) -> tuple[bytes, int, int]:
    copy = image.copy()
    copy.thumbnail((side, side))
    out = io.BytesIO()
    # A fresh image saved without exif=/icc_profile= carries no metadata at all.
    copy.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue(), copy.width, copy.height


def process_photo(upload, *, label: str | None = None) -> ProcessedPhoto:
    """Check one upload and re-encode it; raise ``ValidationError`` naming what is wrong."""
    label = label or getattr(upload, "name", None) or _("The photo")
    data = _read(upload, max_photo_bytes(), label)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise _not_image(label)
                if probe.width * probe.height > MAX_PIXELS:
                    raise ValidationError(
                        {"photos": _("%(name)s has too many pixels.") % {"name": label}},
                        code="too_many_pixels",
                    )
                probe.load()
                image = ImageOps.exif_transpose(probe)
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                content, width, height = _encode(image, MAX_SIDE, 85)
                thumbnail, _w, _h = _encode(image, THUMB_SIDE, 75)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
    ) as exc:
        raise _not_image(label) from exc
    return ProcessedPhoto(content=content, thumbnail=thumbnail, width=width, height=height)


def process_photos(uploads) -> list[ProcessedPhoto]:
    """Process every upload, or raise on the first bad one before anything is stored."""
    uploads = list(uploads or [])
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": _("At most %(n)d photos at a time, please.") % {"n": MAX_PHOTOS}},
            code="too_many",
        )
    return [process_photo(upload) for upload in uploads]
