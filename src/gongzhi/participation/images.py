"""The one place where participation checks and cleans photos, and blurs what must not show.

Checking and re-encoding (type by content, size limit, EXIF and GPS dropped) is the platform's
shared photo code (``gongzhi.core.images``); everything in this app goes through ``clean`` and ``clean_many`` here, so
that switching to another implementation is a change of this module alone.

``redact`` burns a moderator's blur rectangles into a copy of the photo: the public rendition
of a board post. Rectangles are fractions of the width and height (0–1), so that they do not
depend on the size the moderator's browser showed the photo at.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageFilter

from gongzhi.core.images import MAX_PHOTOS, process_photo

MAX_BOXES = 30


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    thumbnail: bytes
    width: int
    height: int


def clean(upload, *, field: str = "photos") -> CleanPhoto:
    """One upload checked and re-encoded as JPEG without metadata; ``ValidationError`` on
    ``field`` otherwise."""
    processed = process_photo(upload, field=field)
    return CleanPhoto(processed.content, processed.thumbnail, processed.width, processed.height)


def clean_many(uploads, *, field: str = "photos") -> list[CleanPhoto]:
    """Every upload cleaned, or ``ValidationError`` before anything is stored."""
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError(
            {field: _("At most %(n)d photos at a time, please.") % {"n": MAX_PHOTOS}}
        )
    return [clean(upload, field=field) for upload in uploads]


def parse_boxes(value) -> list[list[float]]:
    """Blur rectangles as ``[[x, y, w, h], …]`` fractions of the photo, or ``ValidationError``."""
    if value in (None, "", []):
        return []
    if isinstance(value, str):
        import json

        try:
            value = json.loads(value)
        except ValueError as exc:
            raise ValidationError({"blur_boxes": _("The blurred areas are not readable.")}) from exc
    if not isinstance(value, list) or len(value) > MAX_BOXES:
        raise ValidationError(
            {"blur_boxes": _("At most %(n)d blurred areas, please.") % {"n": MAX_BOXES}}
        )
    boxes = []
    for box in value:
        if (
            not isinstance(box, (list, tuple))
            or len(box) != 4
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in box)
        ):
            raise ValidationError({"blur_boxes": _("The blurred areas are not readable.")})
        x, y, w, h = (float(v) for v in box)
        if not (0 <= x <= 1 and 0 <= y <= 1 and 0 < w <= 1 and 0 < h <= 1):
            raise ValidationError({"blur_boxes": _("A blurred area lies outside the photo.")})
        boxes.append([round(x, 4), round(y, 4), round(min(w, 1 - x), 4), round(min(h, 1 - y), 4)])
    return boxes


def redact(content: bytes, boxes) -> bytes:
    """A JPEG of ``content`` with each box blurred beyond recognition, without metadata."""
    with Image.open(io.BytesIO(content)) as source:
        image = source.convert("RGB")
    width, height = image.size
    for x, y, w, h in boxes:
        left, top = int(x * width), int(y * height)
        right, bottom = max(left + 1, int((x + w) * width)), max(top + 1, int((y + h) * height))
        region = image.crop((left, top, right, bottom))
        # Pixelate first, then blur: a plain blur of large text can still be read back.
        small = region.resize(
            (max(1, (right - left) // 12), max(1, (bottom - top) // 12)), Image.Resampling.BILINEAR
        )
        region = small.resize(region.size, Image.Resampling.NEAREST).filter(
            ImageFilter.GaussianBlur(radius=max(2, (right - left) // 20))
        )
        image.paste(region, (left, top))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()
