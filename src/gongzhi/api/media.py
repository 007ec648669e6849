"""Photos sent to the API ahead of the action that uses them, and their use.

``media_upload`` checks a photo with ``core.images`` (content, size, pixels, EXIF removed) and
keeps it for ``GONGZHI_MEDIA_UPLOAD_HOURS`` (default 24) for the user who sent it. An action
that names upload ids (``media``) takes them with ``media_take``: only the sender's own,
unexpired uploads, each once; the rows and files go when the action commits. Expired uploads
are removed by ``remove_orphaned_media --delete``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.api.models import MediaUpload
from gongzhi.core.images import MAX_PHOTOS, delete_after_commit, process_photo, store_photo

DEFAULT_HOURS = 24
# Uploads one user may hold unused at a time: enough for a few actions, not a disk filler.
MAX_PENDING = 5 * MAX_PHOTOS


def _hours() -> int:
    return int(getattr(settings, "GONGZHI_MEDIA_UPLOAD_HOURS", DEFAULT_HOURS))


def media_upload(*, upload, owner, now=None) -> MediaUpload:
    """Check and keep one photo for ``owner``; ``ValidationError`` on ``file`` otherwise."""
    now = now or timezone.now()
    processed = process_photo(upload, field="file")
    with transaction.atomic():
        pending = MediaUpload.objects.filter(owner=owner, expires_at__gt=now).count()
        if pending >= MAX_PENDING:
            raise ValidationError(
                {
                    "file": _("You have %(n)d unused uploads; use them or wait until they expire.")
                    % {"n": pending}
                }
            )
        row = MediaUpload(
            owner=owner, created_at=now, expires_at=now + dt.timedelta(hours=_hours())
        )
        store_photo(row, processed, thumbnail_field=None)
        row.save()
    return row


def _ids(values) -> list[uuid.UUID]:
    ids = []
    for value in values:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError as exc:
            raise ValidationError(
                {"media": _("%(id)s is not an upload id.") % {"id": str(value)[:40]}}
            ) from exc
    if len(set(ids)) != len(ids):
        raise ValidationError({"media": _("An upload id is named twice.")})
    if len(ids) > MAX_PHOTOS:
        raise ValidationError(
            {"media": _("At most %(n)d photos at a time, please.") % {"n": MAX_PHOTOS}}
        )
    return ids


def media_take(values, *, owner, now=None) -> list[bytes]:
    """The photos of the named uploads, for a service to attach; call inside the transaction
    of the action. The uploads are removed when that transaction commits.

    An id that is not the owner's, expired, or used already is refused like an unknown one.
    """
    ids = _ids(values or [])
    if not ids:
        return []
    now = now or timezone.now()
    rows = {
        row.pk: row
        for row in MediaUpload.objects.select_for_update().filter(
            pk__in=ids, owner=owner, expires_at__gt=now
        )
    }
    missing = [str(i) for i in ids if i not in rows]
    if missing:
        raise ValidationError(
            {
                "media": _("No upload %(id)s of yours is waiting (unknown, used or expired).")
                % {"id": missing[0]}
            }
        )
    photos = []
    for pk in ids:
        row = rows[pk]
        with row.image.open("rb") as fh:
            photos.append(fh.read())
        delete_after_commit(row.image.storage, row.image.name)
    MediaUpload.objects.filter(pk__in=ids).delete()
    return photos


def remove_expired(delete: bool, *, now=None) -> int:
    """Expired uploads (their files become orphans for the same sweep); removed when asked."""
    expired = MediaUpload.objects.filter(expires_at__lte=now or timezone.now())
    count = expired.count()
    if delete and count:
        expired.delete()
    return count
