"""Filing an activity's report, which finishes the activity."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.core.images import MAX_PHOTOS, process_photo, save_file
from gongzhi.volunteering.choices import ActivityState
from gongzhi.volunteering.models import Activity, ActivityReport, ReportPhoto
from gongzhi.volunteering.permissions import can_lead

MAX_SUMMARY = 5000
MAX_PEOPLE_SERVED = 1_000_000


def report_file(
    *, activity: Activity, summary: str, people_served, photos=(), actor=None, at=None
) -> ActivityReport:
    """Record what the activity achieved, with photos, and mark it finished.

    Photos are checked by content and cleaned (EXIF stripped) before anything is written; a bad
    photo refuses the whole report, so nothing is half-saved.
    """
    now = at or timezone.now()
    summary = (summary or "").strip()
    errors = {}
    if not summary:
        errors["summary"] = _("Write a short summary of the activity.")
    elif len(summary) > MAX_SUMMARY:
        errors["summary"] = _("The summary is too long (at most %(n)d characters).") % {
            "n": MAX_SUMMARY
        }
    if (
        not isinstance(people_served, int)
        or isinstance(people_served, bool)
        or not 0 <= people_served <= MAX_PEOPLE_SERVED
    ):
        errors["people_served"] = _("Give the number of people served as a whole number.")
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = _("At most %(n)d photos.") % {"n": MAX_PHOTOS}
    if errors:
        raise ValidationError(errors)
    cleaned = [process_photo(upload) for upload in photos]
    # The photo files share the transaction's fate (core.images): a rollback removes them.
    with transaction.atomic():
        return _file(activity, summary, people_served, cleaned, actor, now)


def _file(activity, summary, people_served, cleaned, actor, now) -> ActivityReport:
    activity = (
        Activity.objects.select_for_update(of=("self",)).select_related("team").get(pk=activity.pk)
    )
    if actor is not None and not can_lead(actor, activity):
        raise PermissionDenied(_("Only the activity's leaders may file its report."))
    if activity.state != ActivityState.PUBLISHED:
        raise ValidationError(_("Only a published activity can be reported on."))
    if now < activity.starts_at:
        raise ValidationError(_("The activity has not started yet."))
    report = ActivityReport.objects.create(
        activity=activity,
        summary=summary,
        people_served=people_served,
        written_by=actor if actor is not None and actor.is_authenticated else None,
        created_at=now,
    )
    for position, item in enumerate(cleaned):
        photo = ReportPhoto(report=report, width=item.width, height=item.height, position=position)
        save_file(photo.image, f"{uuid.uuid4().hex}.jpg", item.content)
        photo.save()
    activity.state = ActivityState.FINISHED
    activity.save(update_fields=["state"])
    log_action(
        "volunteering.activity.finished",
        actor=actor,
        obj=activity,
        old={"state": ActivityState.PUBLISHED},
        new={"state": ActivityState.FINISHED},
        data={"people_served": people_served, "photos": len(cleaned)},
    )
    return report
