"""Storing case photos through Django's storage API, after they all passed ``images``."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cases.choices import FINAL_STATES, Action, PhotoStage
from gongzhi.cases.images import ProcessedPhoto, process_photos
from gongzhi.cases.models import CasePhoto

_WRITTEN: ContextVar[list | None] = ContextVar("gongzhi_case_photo_files", default=None)


def store_photos(
    *, case, processed: list[ProcessedPhoto], stage: str, actor=None, revisit=None
) -> list[CasePhoto]:
    """Write already-processed photos; call inside the service's transaction.

    Inside ``photo_files_guard()`` the files are removed again when the service fails.
    """
    stored = []
    written = _WRITTEN.get(None)
    if written is None:
        written = []  # not guarded: nobody will clean up, but keep the code path the same
    for item in processed:
        photo = CasePhoto(
            case=case,
            stage=stage,
            width=item.width,
            height=item.height,
            size=len(item.content),
            revisit=revisit,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        photo.image.save("photo.jpg", ContentFile(item.content), save=False)
        written.append((photo.image.storage, photo.image.name))
        photo.thumbnail.save("thumb.jpg", ContentFile(item.thumbnail), save=False)
        written.append((photo.thumbnail.storage, photo.thumbnail.name))
        photo.save()
        stored.append(photo)
    return stored


@contextmanager
def photo_files_guard():
    """Remove the files written inside the block when the block fails (Django has no
    on-rollback hook; the service that writes photos wraps its transaction in this)."""
    written: list = []
    token = _WRITTEN.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    finally:
        _WRITTEN.reset(token)


def case_add_photos(*, case, photos, stage: str = PhotoStage.BEFORE, actor) -> list[CasePhoto]:
    """Add photos to an open case: the reporter or anyone who can see and work on it."""
    from gongzhi.cases import permissions as perms
    from gongzhi.cases.services.common import acts_for_party, lock_case, record
    from gongzhi.org.access import can

    if stage not in PhotoStage.values:
        raise ValidationError({"stage": _("Unknown photo stage.")})
    processed = process_photos(photos)
    if not processed:
        raise ValidationError({"photos": _("Choose at least one photo.")})
    with photo_files_guard(), transaction.atomic():
        locked = lock_case(case)
        allowed = (
            getattr(actor, "is_superuser", False)
            or (locked.reporter_user_id and locked.reporter_user_id == getattr(actor, "pk", None))
            or can(actor, perms.COMMENT, locked.node)
            or acts_for_party(actor, locked, perms.HANDLE)
        )
        if not allowed:
            raise PermissionDenied(_("You may not add photos to this case."))
        if locked.state in FINAL_STATES:
            raise ValidationError({"photos": _("This case is finished; photos cannot be added.")})
        stored = store_photos(case=locked, processed=processed, stage=stage, actor=actor)
        record(locked, Action.PHOTO, actor=actor, public=False, data={"count": len(stored)})
    return stored
