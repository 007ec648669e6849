"""Storing record photos after they all passed ``core.images`` checks (EXIF removed)."""

from __future__ import annotations

from gongzhi.core.images import store_photo
from gongzhi.enforcement.models import PatrolPhoto, StructurePhoto


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def store_structure_photos(*, record, processed, stage: str, actor, revisit=None) -> list:
    """Write processed photos of ``record``; call inside the service's transaction."""
    stored = []
    for item in processed:
        photo = StructurePhoto(
            record=record, stage=stage, revisit=revisit, uploaded_by=_user(actor)
        )
        store_photo(photo, item)
        photo.save()
        stored.append(photo)
    return stored


def store_patrol_photos(*, patrol, processed, actor) -> list:
    stored = []
    for item in processed:
        photo = PatrolPhoto(patrol=patrol, uploaded_by=_user(actor))
        store_photo(photo, item)
        photo.save()
        stored.append(photo)
    return stored
