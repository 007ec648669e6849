"""Checking and re-encoding uploaded photos in memory; nothing here writes a file.

A service first processes every photo it was given and only when all of them pass does it
write anything, so a bad third photo leaves no trace of the first two.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"})
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
MAX_SIDE = 2560
THUMB_SIDE = 320
MAX_PHOTOS = 9

_DECODE_ERRORS = (
    UnidentifiedImageError,
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    MemoryError,
)


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo re-encoded as JPEG without any metadata, with its thumbnail."""

    content: bytes
    thumbnail: bytes
    width: int
    height: int

    @property
    def size(self) -> int:
        return len(self.content)


def max_photo_bytes() -> int:
    """The largest upload accepted, in bytes (``GONGZHI_PHOTO_MAX_BYTES``, default 10 MB)."""
    return int(getattr(settings, "GONGZHI_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_photo_pixels() -> int:
    """The most pixels a photo may have (``GONGZHI_PHOTO_MAX_PIXELS``, default 40 million)."""
    return int(getattr(settings, "GONGZHI_PHOTO_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _too_many_pixels(label: str, field: str) -> ValidationError:
    return _error(field, _("%(name)s has too many pixels.") % {"name": label}, "too_many_pixels")


def _read(upload, limit: int, label: str, field: str) -> bytes:
    if isinstance(upload, (bytes, bytearray, memoryview)):
        data = bytes(upload)
    else:
        size = getattr(upload, "size", None)
        if size is not None and size > limit:
            raise _too_big(label, limit, field)
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(limit + 1)  # never more than one byte past the limit
    if len(data) > limit:
        raise _too_big(label, limit, field)
    if not data:
        raise _error(field, _("%(name)s is empty.") % {"name": label}, "empty")
    return data


def _too_big(label: str, limit: int, field: str) -> ValidationError:
    return _error(
        field,
        _("%(name)s is larger than %(mb)d MB; please send a smaller photo.")
        % {"name": label, "mb": max(1, limit // (1024 * 1024))},
        "too_big",
    )


def _not_image(label: str, field: str) -> ValidationError:
    return _error(
        field,
        _("%(name)s is not a photo we can read (use JPEG, PNG or WebP).") % {"name": label},
        "not_image",
    )


def _encode(image: Image.Image, side: int, quality: int) -> tuple[bytes, int, int]:
    copy = image.copy()
    copy.thumbnail((side, side))
    out = io.BytesIO()
    # A fresh image saved without exif=/icc_profile= carries no metadata at all.
    copy.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue(), copy.width, copy.height


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def process_photo(upload, *, label: str | None = None, field: str = "photos") -> ProcessedPhoto:
    """Check one upload (file-like or bytes) and re-encode it.

    Raises ``ValidationError`` keyed by ``field`` and naming the upload when it is empty, too
    large, not a picture Pillow can decode, of a format we do not take, or has too many pixels.
    The pixel count is checked from the header, before the picture is decoded, so a small file
    that would unpack to gigabytes is refused without unpacking it.
    """
    label = label or getattr(upload, "name", None) or _("The photo")
    data = _read(upload, max_photo_bytes(), label, field)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise _not_image(label, field)
                if probe.width * probe.height > max_photo_pixels():
                    raise _too_many_pixels(label, field)
                probe.load()
                image = _flatten(ImageOps.exif_transpose(probe))
                content, width, height = _encode(image, MAX_SIDE, 85)
                thumbnail, _w, _h = _encode(image, THUMB_SIDE, 75)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(label, field) from exc
    except _DECODE_ERRORS as exc:
        raise _not_image(label, field) from exc
    return ProcessedPhoto(content=content, thumbnail=thumbnail, width=width, height=height)


def process_photos(uploads, *, field: str = "photos", limit: int = MAX_PHOTOS) -> list:
    """Process every upload, or raise on the first bad one before anything is stored."""
    uploads = list(uploads or [])
    if len(uploads) > limit:
        raise _error(field, _("At most %(n)d photos at a time, please.") % {"n": limit}, "too_many")
    return [process_photo(upload, field=field) for upload in uploads]
