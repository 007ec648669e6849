"""POST Service Request Update (FixMyStreet's extension to GeoReport v2): a department's system
or a client tells us what happened to a request.

The posted ``status`` is one of FixMyStreet's statuses (OPEN, CLOSED and its "Additional
states"). IN_PROGRESS starts handling and FIXED/CLOSED resolves, through the cases app's
workflow services and as the key's service user, so the same permission checks apply. A status
that asks for no move (OPEN, or the state the request is in already) with a description adds a
public note (``case_comment``). A retry of an update that was recorded already answers that
update again instead of recording it twice.

An update may carry photos as multipart ``media`` (one or more files): with FIXED/CLOSED they
are the resolution's after photos (so a department system can close a case whose category
needs one), with any other update they are added to the case as after photos, in the same
transaction as the update. ``media_url`` is not taken on updates: send the photo itself.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cases.choices import Action, PhotoStage
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.cases.selectors.cases import event_label
from gongzhi.cases.services import (
    case_add_photos,
    case_comment,
    case_resolve,
    case_start_handling,
)
from gongzhi.open311 import params, selectors, serializers
from gongzhi.open311.errors import Open311Error
from gongzhi.open311.statuses import EXTENDED, UPDATE_STATUSES

TRANSITIONS = {
    "IN_PROGRESS": Action.START_HANDLING,
    "FIXED": Action.RESOLVE,
    "CLOSED": Action.RESOLVE,
}


def _replayed(case, key, action, description):
    """The update this key recorded last on the case, when the POST repeats it."""
    last = CaseEvent.objects.filter(case=case, actor=key.user).order_by("-id").first()
    if last is not None and last.action == action and last.note == description:
        return last
    return None


def _photos(files) -> list:
    return files.getlist("media") if files else []


def _media_url(case, absolute, photos) -> str:
    """The first photo this update added, as an absolute URL."""
    if not photos:
        return ""
    photo = case.photos.filter(stage=PhotoStage.AFTER).order_by("-id").first()
    return absolute(photo.image.url) if photo is not None and absolute else ""


def post_update(post, key, files=None, absolute=None) -> tuple[dict, int]:
    """Record one posted update; return (row, HTTP status): 201 new, 200 a repeat."""
    photos = _photos(files)
    if not photos:
        return _post_update(post, key, photos)
    with transaction.atomic():  # the update and its photos, or neither
        row, status = _post_update(post, key, photos)
        case = Case.objects.get(reference=row["service_request_id"])
    row["media_url"] = _media_url(case, absolute, photos)
    return row, status


def _post_update(post, key, photos) -> tuple[dict, int]:
    reference = params.text(post, "service_request_id", max_length=40, required=True)
    status = params.text(post, "status", max_length=40, required=True).upper()
    description = params.text(post, "description", max_length=2000)
    params.text(post, "jurisdiction_id", max_length=100)
    if status not in UPDATE_STATUSES:
        raise Open311Error(
            400,
            _("status %(s)s is not a request-update status; use one of %(allowed)s.")
            % {"s": status[:40], "allowed": ", ".join(UPDATE_STATUSES)},
        )
    case = selectors.readable_cases(key).filter(reference=reference).first()
    if case is None:
        raise Open311Error(404, _("No service request %(id)s.") % {"id": reference})
    action = TRANSITIONS.get(status, Action.COMMENT)
    replay = _replayed(case, key, action, description)
    if replay is not None:
        return serializers.update(replay, case, description or event_label(replay)), 200
    if action != Action.COMMENT and EXTENDED[case.state] == status:
        action = Action.COMMENT  # the request is there already: the update is a note
    if action == Action.COMMENT:
        if status not in ("OPEN", EXTENDED[case.state]):
            raise Open311Error(
                400,
                _(
                    "status %(s)s cannot be set by an update; post IN_PROGRESS, FIXED or "
                    "CLOSED, or OPEN with a description to add a note."
                )
                % {"s": status},
            )
        if not description:
            raise Open311Error(400, _("description is required for an update that adds a note."))
        event = case_comment(case=case, actor=key.user, text=description, public=True)
        _add_photos(case, key, photos)
    elif action == Action.START_HANDLING:
        case = case_start_handling(case=case, actor=key.user, note=description)
        _add_photos(case, key, photos)
        event = case.events.filter(action=action).order_by("-id").first()
    else:
        if not description:
            raise Open311Error(400, _("description is required when the request is fixed."))
        case = case_resolve(case=case, actor=key.user, note=description, photos=photos)
        event = case.events.filter(action=action).order_by("-id").first()
    return serializers.update(event, case, description or event_label(event)), 201


def _add_photos(case, key, photos) -> None:
    if photos:
        case_add_photos(case=case, photos=photos, stage=PhotoStage.AFTER, actor=key.user)
