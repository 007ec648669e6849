"""Reminders the scheduler sends by itself: parked cases whose review date has come, and
revisits (回头看) that are due. Each reminder is sent once per date: running a sweep again, or
twice at once, reminds nobody twice."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongzhi.cases.choices import State
from gongzhi.cases.models import Case, Notification, Revisit
from gongzhi.cases.recipients import nearest_holders
from gongzhi.cases.services.notifications import notify
from gongzhi.core.audit import log_action

PARK_REVIEW_DUE = "park_review_due"
REVISIT_DUE = "revisit_due"


def _remind_once(*, case, verb: str, key: str, users, data: dict, action: str) -> bool:
    """Notify ``users`` about ``case`` unless this reminder (``verb`` + ``key``) was sent."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if Notification.objects.filter(case=locked, verb=verb, data__key=key).exists():
            return False
        if not users:
            return False
        notify(users=users, verb=verb, case=locked, data={**data, "key": key})
        log_action(action, obj=locked, data={**data, "key": key})
        return True


def remind_parked_reviews(*, today=None, limit: int = 500) -> int:
    """Tell the dispatchers nearest each parked case whose review date has come."""
    today = today or timezone.localdate()
    sent = 0
    parked = (
        Case.objects.filter(state=State.PARKED, parked_review_on__lte=today)
        .select_related("node")
        .order_by("parked_review_on", "id")[:limit]
    )
    for case in parked:
        review_on = case.parked_review_on.isoformat()
        sent += _remind_once(
            case=case,
            verb=PARK_REVIEW_DUE,
            key=f"park:{review_on}",
            users=nearest_holders(case.node, "cases.park"),
            data={"review_on": review_on},
            action="cases.case.park_review_due",
        )
    return sent


def remind_due_revisits(*, today=None, limit: int = 500) -> int:
    """Tell the people nearest each case whose revisit is due that it is time to go back."""
    today = today or timezone.localdate()
    sent = 0
    due = (
        Revisit.objects.filter(done_at__isnull=True, due_on__lte=today)
        .select_related("case__node")
        .order_by("due_on", "id")[:limit]
    )
    for revisit in due:
        sent += _remind_once(
            case=revisit.case,
            verb=REVISIT_DUE,
            key=f"revisit:{revisit.pk}",
            users=nearest_holders(revisit.case.node, "cases.revisit"),
            data={"due_on": revisit.due_on.isoformat()},
            action="cases.revisit.reminded",
        )
    return sent
