"""Photos for every app: checked by content, stripped of metadata, thumbnailed, stored safely.

- ``processing``: ``process_photo`` / ``process_photos`` decode an upload with Pillow (the type
  comes from the content, never from the name or the browser's claim), refuse oversized files
  and pixel bombs before decoding, and re-encode the picture as a fresh JPEG without EXIF (so
  GPS position, camera serial and anything appended after the image data are gone), with a
  thumbnail. Nothing is stored.
- ``storage``: ``save_file`` writes bytes into a ``FileField`` and ties the file to the
  surrounding transaction: when that transaction (or the savepoint the write happened in) rolls
  back, the file is removed again, however far out the rollback happens.
- ``orphans``: finding files under ``MEDIA_ROOT`` that no row references (the
  ``remove_orphaned_media`` command).
"""

from gongzhi.core.images.processing import (
    ALLOWED_FORMATS,
    MAX_PHOTOS,
    ProcessedPhoto,
    max_photo_bytes,
    max_photo_pixels,
    process_photo,
    process_photos,
)
from gongzhi.core.images.storage import delete_after_commit, files_guard, save_file, store_photo

__all__ = [
    "ALLOWED_FORMATS",
    "MAX_PHOTOS",
    "ProcessedPhoto",
    "delete_after_commit",
    "files_guard",
    "max_photo_bytes",
    "max_photo_pixels",
    "process_photo",
    "process_photos",
    "save_file",
    "store_photo",
]
