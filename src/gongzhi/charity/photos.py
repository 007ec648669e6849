"""The one door through which the charity app checks uploaded photos.

It re-uses the platform's photo cleaning (the type decided by decoding, a size and pixel limit,
EXIF with its GPS position dropped by re-encoding), so that when that code moves to a shared
module only this file changes.
"""

from __future__ import annotations

from gongzhi.volunteering.photos import MAX_BYTES, clean_photo

__all__ = ["MAX_BYTES", "clean"]


def clean(upload, *, field: str = "photo"):
    """A cleaned copy of ``upload`` as a ``ContentFile``, or ``ValidationError`` naming
    ``field``."""
    content, _width, _height = clean_photo(upload, field=field)
    return content
