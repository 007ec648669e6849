"""After closing: ratings (回访/评价) that may reopen the case, and revisits (回头看)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import (
    Action,
    LinkReason,
    PhotoStage,
    RatingChannel,
    RevisitOutcome,
    State,
    UnsatisfiedAction,
)
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.models import Case, Rating, Revisit
from gongzhi.cases.policy import policy_for
from gongzhi.cases.services.common import lock_case, record
from gongzhi.cases.services.intake import create_case
from gongzhi.cases.services.photos import store_photos
from gongzhi.cases.services.workflow import reopen_on_rating
from gongzhi.core.audit import log_action
from gongzhi.core.images import files_guard, process_photos
from gongzhi.org.access import can

COMMENT_MAX = 1000


def open_linked_case(*, case, reason: str, description: str, actor) -> Case:
    """Open a new case at the same place and category that follows up on ``case``."""
    fields = {
        "category": case.category,
        "description": description[:4000] or case.description,
        "channel": case.channel,
        "lat": case.lat,
        "lon": case.lon,
        "address": case.address,
        "node": case.node,
        "reporter_user": case.reporter_user,
        "reporter_person": case.reporter_person,
        "reporter_name": case.reporter_name,
        "reporter_phone": case.reporter_phone,
        "reporter_email": case.reporter_email,
        "is_anonymous": case.is_anonymous,
        "is_public": case.is_public,
        "publish_consent": case.publish_consent,
        "linked_from": case,
        "link_reason": reason,
        "reported_at": None,
    }
    return create_case(
        fields=fields, answers={}, processed=[], actor=actor, data={"linked_from": case.reference}
    )


def case_rate(
    *,
    case,
    by,
    contacted: bool,
    solved: bool,
    satisfied: bool,
    comment: str = "",
    channel: str | None = None,
    now=None,
) -> Rating:
    """Record the follow-up of the latest closing: by the reporter themselves, or by staff
    (``cases.followup``) who called a phone or anonymous reporter.

    Not satisfied within the policy's window: reopen as rework or open a linked case, as the
    policy of the case's community says. Raises ``CaseConflict`` when the case is not closed or
    this closing was rated already.
    """
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ValidationError(
            {"comment": _("At most %(n)d characters, please.") % {"n": COMMENT_MAX}}
        )
    is_reporter = case.reporter_user_id is not None and case.reporter_user_id == getattr(
        by, "pk", None
    )
    if channel is None:
        channel = RatingChannel.SELF if is_reporter else RatingChannel.PHONE
    if channel not in RatingChannel.values:
        raise ValidationError({"channel": _("Unknown follow-up channel.")})
    if not (
        (is_reporter and channel == RatingChannel.SELF)
        or getattr(by, "is_superuser", False)
        or (channel != RatingChannel.SELF and can(by, perms.FOLLOWUP, case.node))
    ):
        raise PermissionDenied(_("You may not record the follow-up of this case."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            locked = lock_case(case)
            if locked.state != State.CLOSED:
                raise CaseConflict(
                    _("Case %(ref)s is not closed, so it cannot be rated now.")
                    % {"ref": locked.reference},
                    code="state",
                )
            policy = policy_for(locked.node)
            outcome = UnsatisfiedAction.NOTHING
            within = locked.closed_at and now - locked.closed_at <= dt.timedelta(
                days=policy.unsatisfied_window_days
            )
            if not satisfied and within:
                outcome = policy.unsatisfied_action
            rating = Rating.objects.create(
                case=locked,
                closing_seq=locked.close_count,
                contacted=bool(contacted),
                solved=bool(solved),
                satisfied=bool(satisfied),
                comment=comment,
                channel=channel,
                by=by if getattr(by, "is_authenticated", False) else None,
                outcome=outcome,
            )
            record(
                locked,
                Action.RATE,
                actor=by,
                public=True,
                data={
                    "contacted": bool(contacted),
                    "solved": bool(solved),
                    "satisfied": bool(satisfied),
                    "channel": channel,
                    "outcome": outcome,
                },
            )
            if outcome == UnsatisfiedAction.REOPEN:
                reopen_on_rating(case=locked, actor=by, comment=comment)
            elif outcome == UnsatisfiedAction.LINKED:
                open_linked_case(
                    case=locked,
                    reason=LinkReason.UNSATISFIED,
                    description=comment or locked.description,
                    actor=by,
                )
    except IntegrityError as exc:
        raise CaseConflict(
            _("This closing of case %(ref)s was rated already.") % {"ref": case.reference},
            code="rated",
        ) from exc
    return rating


def revisit_record(
    *, revisit, actor, relapsed: bool, note: str = "", photos=(), description: str = ""
) -> Revisit:
    """Record a revisit (回头看); a relapse opens a linked case (``revisit.linked_case``)."""
    note = (note or "").strip()[:COMMENT_MAX]
    processed = process_photos(photos)
    with files_guard(), transaction.atomic():
        locked = (
            Revisit.objects.select_for_update(of=("self",))
            .select_related("case__node", "case__category")
            .get(pk=revisit.pk)
        )
        case = locked.case
        if not (getattr(actor, "is_superuser", False) or can(actor, perms.REVISIT, case.node)):
            raise PermissionDenied(_("You may not record revisits here."))
        if locked.done_at is not None:
            raise CaseConflict(_("This revisit was recorded already."), code="revisit_done")
        locked.done_at = timezone.now()
        locked.done_by = actor
        locked.note = note
        locked.outcome = RevisitOutcome.RELAPSED if relapsed else RevisitOutcome.HOLDS
        if relapsed:
            locked.linked_case = open_linked_case(
                case=case,
                reason=LinkReason.RELAPSE,
                description=description.strip() or note or case.description,
                actor=actor,
            )
        locked.save(update_fields=["done_at", "done_by", "note", "outcome", "linked_case"])
        store_photos(
            case=case, processed=processed, stage=PhotoStage.REVISIT, actor=actor, revisit=locked
        )
        record(
            case,
            Action.REVISIT,
            actor=actor,
            public=True,
            note=note,
            data={
                "outcome": locked.outcome,
                "linked_case": locked.linked_case.reference if locked.linked_case else None,
            },
        )
        log_action(
            "cases.revisit.recorded", actor=actor, obj=locked, new={"outcome": locked.outcome}
        )
    return locked
