"""One service per workflow action. Each looks its transition up in ``workflow.TRANSITIONS``
and runs through ``apply_transition`` (lock → check role, version, state → change → timeline +
audit → notify), so that the table is the only place that says what is allowed."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import OPEN_STATES, Action, PhotoStage, State
from gongzhi.cases.models import Case, CasePhoto, Revisit
from gongzhi.cases.recipients import nearest_holders, party_handlers
from gongzhi.cases.rewards import award_verified_report
from gongzhi.cases.services.common import apply_transition, lock_case, record
from gongzhi.cases.services.notifications import notify
from gongzhi.cases.services.photos import store_photos
from gongzhi.core.audit import log_action
from gongzhi.core.images import files_guard, process_photos
from gongzhi.org.models import Party, RoleAssignment
from gongzhi.org.roles import roles_with

REASON_MAX = 1000


def _reason(reason: str, field: str = "reason", *, required: bool = True) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({field: _("Please give a reason.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({field: _("At most %(n)d characters, please.") % {"n": REASON_MAX}})
    return reason


def _tell_reporter(case, event, verb="case_moved"):
    if not event.public:
        return
    users = [case.reporter_user] if case.reporter_user_id else []
    emails = [] if case.reporter_user_id else [case.reporter_email]
    if users or any(emails):
        notify(users=users, verb=verb, case=case, data={"action": event.action}, emails=emails)


def _after(verb_for_others=None, recipients=None):
    """Notify the reporter of a public move, and ``recipients(case)`` with ``verb_for_others``."""

    def run(case, event):
        _tell_reporter(
            case, event, "rating_requested" if case.state == State.CLOSED else "case_moved"
        )
        if recipients is not None:
            notify(users=recipients(case), verb=verb_for_others, case=case)

    return run


def case_accept(*, case, actor, note: str = "", expected_version: int | None = None) -> Case:
    """Accept (立案) a reported case; the dispatch step's clock starts."""
    return apply_transition(
        case=case,
        action=Action.ACCEPT,
        actor=actor,
        note=_reason(note, "note", required=False),
        expected_version=expected_version,
        after=_after(),
    )


def case_reject(*, case, actor, reason: str, expected_version: int | None = None) -> Case:
    """Reject (不予立案) a case, with a reason the reporter sees."""
    return apply_transition(
        case=case,
        action=Action.REJECT,
        actor=actor,
        note=_reason(reason),
        expected_version=expected_version,
        after=_after(),
    )


def case_merge(*, case, into, actor, note: str = "", expected_version: int | None = None) -> Case:
    """Merge a duplicate into an open case; its reporter's voice counts as a support there."""
    if into.pk == case.pk:
        raise ValidationError({"into": _("A case cannot be merged into itself.")})

    def mutate(locked):
        target = Case.objects.select_for_update(of=("self",)).get(pk=into.pk)
        if target.state not in OPEN_STATES:
            raise ValidationError(
                {"into": _("Case %(ref)s is not open any more.") % {"ref": target.reference}}
            )
        if target.merged_into_id is not None:
            raise ValidationError({"into": _("That case was itself merged.")})
        Case.objects.filter(pk=target.pk).update(
            support_count=F("support_count") + 1 + locked.support_count,
            version=F("version") + 1,
        )
        record(target, Action.SUPPORT, actor=actor, data={"merged": locked.reference})
        locked.merged_into = target
        return ["merged_into"]

    with transaction.atomic():
        # Lock both rows in id order so that two opposite merges cannot deadlock.
        list(
            Case.objects.select_for_update(of=("self",))
            .filter(pk__in=[case.pk, into.pk])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return apply_transition(
            case=case,
            action=Action.MERGE,
            actor=actor,
            note=_reason(note, "note", required=False),
            data={"into": into.reference},
            expected_version=expected_version,
            mutate=mutate,
            after=_after(),
        )


def case_park(
    *, case, actor, review_on: dt.date, reason: str, expected_version: int | None = None
) -> Case:
    """Park (挂账) a case that cannot be solved now, to be reviewed on ``review_on``."""
    if not isinstance(review_on, dt.date) or review_on <= timezone.localdate():
        raise ValidationError({"review_on": _("Choose a review date in the future.")})
    reason = _reason(reason)

    def mutate(locked):
        locked.parked_review_on = review_on
        return ["parked_review_on"]

    return apply_transition(
        case=case,
        action=Action.PARK,
        actor=actor,
        note=reason,
        data={"review_on": review_on.isoformat()},
        expected_version=expected_version,
        mutate=mutate,
        after=_after(),
    )


def case_unpark(*, case, actor, note: str = "", expected_version: int | None = None) -> Case:
    """Take a parked case back into the workflow, awaiting dispatch."""

    def mutate(locked):
        locked.parked_review_on = None
        return ["parked_review_on"]

    return apply_transition(
        case=case,
        action=Action.UNPARK,
        actor=actor,
        note=_reason(note, "note", required=False),
        expected_version=expected_version,
        mutate=mutate,
        after=_after(),
    )


def _check_handler(party, handler):
    if handler is None:
        return
    if not RoleAssignment.objects.filter(
        user=handler, party=party, role__in=roles_with(perms.HANDLE)
    ).exists():
        raise ValidationError(
            {
                "handler": _("%(user)s does not handle cases for %(party)s.")
                % {"user": handler, "party": party}
            }
        )


def case_dispatch(
    *,
    case,
    actor,
    party: Party | None = None,
    handler=None,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """Dispatch (派遣) to a party (the routed one by default) and optionally a named handler;
    the handling step's clock starts."""
    party = party or case.routed_party
    if party is None:
        raise ValidationError({"party": _("Choose the party to dispatch this case to.")})
    if not party.is_active:
        raise ValidationError({"party": _("%(party)s is not active.") % {"party": party}})
    _check_handler(party, handler)

    def mutate(locked):
        locked.assigned_party = party
        locked.handler = handler
        return ["assigned_party", "handler"]

    return apply_transition(
        case=case,
        action=Action.DISPATCH,
        actor=actor,
        note=_reason(note, "note", required=False),
        data={
            "party": party.pk,
            "party_name": party.name,
            "handler": handler.pk if handler else None,
        },
        expected_version=expected_version,
        mutate=mutate,
        after=_after(
            "case_assigned",
            lambda c: [handler] if handler else party_handlers(party),
        ),
    )


def case_start_handling(
    *, case, actor, note: str = "", expected_version: int | None = None
) -> Case:
    """The handler starts work (处置) on a dispatched or reworked case."""

    def mutate(locked):
        if locked.handler_id is None:
            locked.handler = actor
        return ["handler"]

    return apply_transition(
        case=case,
        action=Action.START_HANDLING,
        actor=actor,
        note=_reason(note, "note", required=False),
        expected_version=expected_version,
        mutate=mutate,
        after=_after(),
    )


def case_return(*, case, actor, reason: str, expected_version: int | None = None) -> Case:
    """The handler returns (退回) a case that is not theirs, for re-dispatch."""

    def mutate(locked):
        locked.assigned_party = None
        locked.handler = None
        return ["assigned_party", "handler"]

    return apply_transition(
        case=case,
        action=Action.RETURN,
        actor=actor,
        note=_reason(reason),
        expected_version=expected_version,
        mutate=mutate,
        after=_after("case_returned", lambda c: nearest_holders(c.node, perms.DISPATCH)),
    )


def case_resolve(*, case, actor, note: str, photos=(), expected_version: int | None = None) -> Case:
    """The handler reports the problem solved, with after-photos where the category asks."""
    note = _reason(note, "note")
    processed = process_photos(photos)

    def mutate(locked):
        if (
            locked.category.photo_required_at_resolution
            and not processed
            and not CasePhoto.objects.filter(case=locked, stage=PhotoStage.AFTER).exists()
        ):
            raise ValidationError(
                {"photos": _("This category needs a photo of the result when it is resolved.")}
            )
        if locked.handling_started_at is None:
            locked.handling_started_at = timezone.now()
        locked.resolution_note = note
        return ["resolution_note", "handling_started_at"]

    def after(locked, event):
        store_photos(case=locked, processed=processed, stage=PhotoStage.AFTER, actor=actor)
        _after("case_resolved", lambda c: nearest_holders(c.node, perms.VERIFY))(locked, event)

    with files_guard():
        return apply_transition(
            case=case,
            action=Action.RESOLVE,
            actor=actor,
            note=note,
            data={"photos": len(processed)},
            expected_version=expected_version,
            mutate=mutate,
            after=after,
        )


def _schedule_revisit(case):
    days = case.category.revisit_after_days
    if days:
        Revisit.objects.get_or_create(
            case=case,
            closing_seq=case.close_count,
            defaults={"due_on": timezone.localdate() + dt.timedelta(days=days)},
        )


VERIFIED_ON_SITE = "cases.case.verified_on_site"


def _log_verification(locked, actor, *, passed: bool, note: str) -> None:
    """The on-site check as its own audit entry, written before the close or rework it leads
    to: who verified, and whether it passed."""
    log_action(
        VERIFIED_ON_SITE,
        actor=actor,
        obj=locked,
        data={
            "verified_by": actor.get_username() if actor is not None else "",
            "result": "pass" if passed else "rework",
            "note": note,
            "resolution_note": locked.resolution_note,
        },
    )


def case_verify(
    *, case, actor, passed: bool, note: str = "", expected_version: int | None = None
) -> Case:
    """Verify (核查) on site: passed closes (结案) the case, failed sends it back as rework.

    The verification is audited on its own (``cases.case.verified_on_site``) before the
    closing or rework entry. Closing rewards the reporter with points for a verified report
    (``cases.rewards``), in the same transaction."""
    if passed:
        note = _reason(note, "note", required=False)

        def mutate(locked):
            _log_verification(locked, actor, passed=True, note=note)
            locked.close_count += 1
            return ["close_count"]

        def after(locked, event):
            _schedule_revisit(locked)
            award_verified_report(locked, actor)
            _after()(locked, event)

        return apply_transition(
            case=case,
            action=Action.VERIFY_PASS,
            actor=actor,
            note=note,
            expected_version=expected_version,
            mutate=mutate,
            after=after,
        )
    note = _reason(note, "note")
    return _rework(
        case=case,
        actor=actor,
        action=Action.VERIFY_FAIL,
        note=note,
        expected_version=expected_version,
        before=lambda locked: _log_verification(locked, actor, passed=False, note=note),
    )


def _rework(
    *, case, actor, action, note, expected_version=None, system=False, data=None, before=None
):
    def mutate(locked):
        if before is not None:
            before(locked)
        locked.rework_count += 1
        return ["rework_count"]

    def after(locked, event):
        Revisit.objects.filter(case=locked, done_at__isnull=True).delete()
        _tell_reporter(locked, event)
        users = [locked.handler] if locked.handler_id else party_handlers(locked.assigned_party)
        notify(users=users, verb="case_rework", case=locked)

    return apply_transition(
        case=case,
        action=action,
        actor=actor,
        note=note,
        data=data,
        expected_version=expected_version,
        mutate=mutate,
        after=after,
        system=system,
    )


def case_reopen(*, case, actor, reason: str, expected_version: int | None = None) -> Case:
    """Reopen a closed case for rework (counted as rework) to the party that handled it."""
    return _rework(
        case=case,
        actor=actor,
        action=Action.REOPEN,
        note=_reason(reason),
        expected_version=expected_version,
    )


def reopen_on_rating(*, case, actor, comment: str) -> Case:
    """Reopen after an unsatisfied rating: the policy decides, not the rater's role."""
    return _rework(
        case=case,
        actor=actor,
        action=Action.REOPEN,
        note=comment,
        data={"because": "unsatisfied"},
        system=True,
    )


def case_lock_for_update(case) -> Case:
    """Re-read and lock a case inside the caller's transaction (for other apps' services)."""
    return lock_case(case)
