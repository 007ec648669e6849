"""The rest of the loop over the API: photos (uploaded ahead or sent with the call), the
resident's follow-up rating (回访) and what it leads to.

- ``POST /media``: upload one photo (multipart ``file``); answers an id to name in ``media``
  of ``resolve`` or ``photos``. Bound to the caller, used once, expires unused.
- ``POST /cases/{reference}/photos``: add photos to a case (multipart ``files`` and/or
  ``media`` ids), at the stage ``before`` or ``after`` (a handler's after photo).
- ``POST /cases/{reference}/rate``: contacted / solved / satisfied / comment, through the same
  service (``cases.services.case_rate``) and rules as the web form: the reporter rates for
  themselves, staff with ``cases.followup`` record a call (``channel`` phone or visit).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from gongzhi.api.media import media_take, media_upload
from gongzhi.api.routers.case_schemas import CaseDetailOut
from gongzhi.api.routers.case_views import case_detail_out, fresh_case
from gongzhi.api.schemas import error_responses
from gongzhi.cases import services
from gongzhi.cases.choices import LinkReason, PhotoStage, RatingChannel, UnsatisfiedAction
from gongzhi.cases.models import Case
from gongzhi.cases.selectors.cases import case_for

router = Router(tags=["cases"])
ACT_ERRORS = error_responses(400, 401, 403, 404, 409)


class MediaOut(Schema):
    id: str = Field(description="name it in media of resolve or photos")
    width: int
    height: int
    size: int
    expires_at: dt.datetime


@router.post("/media", response={201: MediaOut, **error_responses(400, 401, 403)})
def upload_media(request, file: File[UploadedFile]):
    """Upload one photo (multipart field ``file``: JPEG, PNG or WebP; EXIF is removed)."""
    row = media_upload(upload=file, owner=request.user)
    return Status(
        201,
        {
            "id": str(row.pk),
            "width": row.width,
            "height": row.height,
            "size": row.size,
            "expires_at": row.expires_at,
        },
    )


class PhotosForm(Schema):
    stage: PhotoStage = Field(PhotoStage.AFTER, description="before, after or revisit")
    media: list[str] = Field(default_factory=list, description="ids from POST /media")


@router.post("/cases/{reference}/photos", response={201: CaseDetailOut, **ACT_ERRORS})
def add_photos(
    request,
    reference: str,
    payload: Form[PhotosForm],
    files: list[UploadedFile] = File(None),  # noqa: B008  (django-ninja's way)
):
    """Add photos to an open case: multipart ``files`` and/or ``media`` upload ids."""
    case = case_for(request.user, reference)
    with transaction.atomic():
        photos = list(files or []) + media_take(payload.media, owner=request.user)
        services.case_add_photos(case=case, photos=photos, stage=payload.stage, actor=request.user)
    return Status(201, case_detail_out(request.user, fresh_case(case.pk)))


class RatingIn(Schema):
    contacted: bool = Field(description="did someone contact the reporter about it?")
    solved: bool
    satisfied: bool
    comment: str = Field("", max_length=1000)
    channel: RatingChannel | None = Field(
        None,
        description="self (the reporter, the default for them), phone or visit (staff with "
        "cases.followup recording a call)",
    )


class RatingOut(Schema):
    outcome: UnsatisfiedAction = Field(
        description="what the rating led to: nothing, reopen (back to rework) or linked"
    )
    linked_case: str | None = Field(description="reference of the new linked case, if any")
    case: CaseDetailOut


@router.post("/cases/{reference}/rate", response={201: RatingOut, **ACT_ERRORS})
def rate_case(request, reference: str, payload: RatingIn):
    """Record the follow-up (回访) of the latest closing; unsatisfied within the community's
    window reopens the case or opens a linked one, as its policy says."""
    case = case_for(request.user, reference)
    rating = services.case_rate(
        case=case,
        by=request.user,
        contacted=payload.contacted,
        solved=payload.solved,
        satisfied=payload.satisfied,
        comment=payload.comment,
        channel=payload.channel,
    )
    linked = None
    if rating.outcome == UnsatisfiedAction.LINKED:
        follower = (
            Case.objects.filter(linked_from=case, link_reason=LinkReason.UNSATISFIED)
            .order_by("-id")
            .first()
        )
        linked = follower.reference if follower is not None else None
    return Status(
        201,
        {
            "outcome": rating.outcome,
            "linked_case": linked,
            "case": case_detail_out(request.user, fresh_case(case.pk)),
        },
    )
