"""Storing case photos through ``core.images``, after they all passed its checks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cases.choices import FINAL_STATES, Action, PhotoStage
from gongzhi.cases.models import CasePhoto
from gongzhi.core.images import ProcessedPhoto, files_guard, process_photos, store_photo


def store_photos(
    *, case, processed: list[ProcessedPhoto], stage: str, actor=None, revisit=None
) -> list[CasePhoto]:
    """Write already-processed photos; call inside the service's transaction.

    The files share the transaction's fate (``core.images.save_file``): a rollback, here or
    in any transaction around it, removes them again.
    """
    stored = []
    for item in processed:
        photo = CasePhoto(
            case=case,
            stage=stage,
            revisit=revisit,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        store_photo(photo, item)
        photo.save()
        stored.append(photo)
    return stored


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
    with files_guard(), transaction.atomic():
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
