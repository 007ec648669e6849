"""The one door through which the charity app checks uploaded photos: the platform's photo
module (``gongzhi.core.images``) decides the type by decoding, bounds size and pixels, and
re-encodes the picture so that EXIF and its GPS position are gone."""

from __future__ import annotations

from django.core.files.base import ContentFile

from gongzhi.core.images import process_photo

__all__ = ["clean"]


def clean(upload, *, field: str = "photo") -> ContentFile:
    """A cleaned JPEG copy of ``upload`` as a ``ContentFile``, or ``ValidationError`` naming
    ``field``."""
    processed = process_photo(upload, field=field)
    return ContentFile(processed.content, name="photo.jpg")
