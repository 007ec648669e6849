"""Windowed reads for the figures other apps compute over cases (the insights app's KPIs).

Every function takes a node path (the subtree), a half-open time window ``[start, end)`` and the
optional filters ``force`` (the category's responsible force) and ``category`` (a category code,
matching the category and its children). Each returns a queryset, so that the same rows serve
an aggregate query and the list of records behind a figure.

A figure for a past month must not change when a case moves on later, so everything here reads
the records' own timestamps and the timeline (``CaseEvent``, written in the same transaction as
the audit entry): a closing is a ``verify_pass`` event, not the case's current state.
"""

from __future__ import annotations

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from gongzhi.cases.choices import OPEN_STATES, Action
from gongzhi.cases.models import Case as CaseModel
from gongzhi.cases.models import CaseEvent, Rating, Supervision

REWORK_ACTIONS = (Action.VERIFY_FAIL, Action.REOPEN)


def case_filter(prefix: str = "", *, force: str | None = None, category: str | None = None) -> Q:
    """The force/category filter on cases reached by ``prefix`` ("" or "case__")."""
    q = Q()
    if force:
        q &= Q(**{f"{prefix}category__responsible_force": force})
    if category:
        q &= Q(**{f"{prefix}category__code": category}) | Q(
            **{f"{prefix}category__parent__code": category}
        )
    return q


def reported_cases(*, path: str, start, end, force=None, category=None):
    """Cases in the subtree reported in the window (``reported_at``)."""
    return CaseModel.objects.filter(
        case_filter(force=force, category=category),
        node__path__startswith=path,
        reported_at__gte=start,
        reported_at__lt=end,
    )


def case_events(*, path: str, start, end, force=None, category=None):
    """Timeline events of cases in the subtree that happened in the window."""
    return CaseEvent.objects.filter(
        case_filter("case__", force=force, category=category),
        case__node__path__startswith=path,
        created_at__gte=start,
        created_at__lt=end,
    )


ACCEPTED = Q(action=Action.ACCEPT)
CLOSED = Q(action=Action.VERIFY_PASS)
# Recorded on the closing event since the timeline keeps the clock; older closings fall back to
# the case's own flag.
ON_TIME = CLOSED & (
    Q(data__on_time=True) | (Q(data__on_time__isnull=True) & Q(case__was_overdue=False))
)


def reworked_before_closing() -> Q:
    """The closing event follows a rework (verification failed or reopened) of the same case."""
    return CLOSED & Q(
        Exists(
            CaseEvent.objects.filter(
                case=OuterRef("case"),
                action__in=REWORK_ACTIONS,
                created_at__lt=OuterRef("created_at"),
            )
        )
    )


def event_aggregates() -> dict:
    """Aggregates over ``case_events``: distinct cases accepted, closed, closed on time and
    closed after a rework in the window."""
    return {
        "accepted": Count("case", distinct=True, filter=ACCEPTED),
        "closed": Count("case", distinct=True, filter=CLOSED),
        "closed_on_time": Count("case", distinct=True, filter=ON_TIME),
        "closed_reworked": Count("case", distinct=True, filter=reworked_before_closing()),
    }


def cases_with_event(q: Q, **window):
    """The cases that have an event matching ``q`` in the window (the records behind a count)."""
    events = case_events(**window).filter(q).values("case_id")
    return CaseModel.objects.filter(pk__in=events)


def ratings_given(*, path: str, start, end, force=None, category=None):
    """Follow-up ratings of cases in the subtree given in the window."""
    return Rating.objects.filter(
        case_filter("case__", force=force, category=category),
        case__node__path__startswith=path,
        created_at__gte=start,
        created_at__lt=end,
    )


def rating_aggregates() -> dict:
    return {
        "ratings": Count("pk"),
        "contacted": Count("pk", filter=Q(contacted=True)),
        "solved": Count("pk", filter=Q(solved=True)),
        "satisfied": Count("pk", filter=Q(satisfied=True)),
    }


def escalations(*, path: str, start, end, force=None, category=None):
    """Escalations (督办) of cases in the subtree made in the window."""
    return Supervision.objects.filter(
        case_filter("case__", force=force, category=category),
        case__node__path__startswith=path,
        created_at__gte=start,
        created_at__lt=end,
    )


def escalated_cases(**window):
    return CaseModel.objects.filter(pk__in=escalations(**window).values("case_id"))


def open_overdue_at(*, path: str, moment, force=None, category=None):
    """Cases in the subtree that were open at ``moment`` with their step's deadline passed.

    The state and the deadline are those of the case's last move at or before ``moment`` (the
    timeline keeps both), so later moves do not change the answer.
    """
    last = (
        CaseEvent.objects.filter(case=OuterRef("pk"), created_at__lte=moment)
        .exclude(to_state="")
        .order_by("-created_at", "-id")
    )
    # No deadline (parked, closed): the key is missing or null, which must not read as 0.
    deadline = Case(
        When(Q(data__deadline_ts__isnull=True) | Q(data__deadline_ts=None), then=Value(None)),
        default=Cast(KeyTextTransform("deadline_ts", "data"), BigIntegerField()),
        output_field=BigIntegerField(),
    )
    return (
        CaseModel.objects.filter(
            case_filter(force=force, category=category),
            node__path__startswith=path,
            reported_at__lte=moment,
        )
        .annotate(
            state_then=Subquery(last.values("to_state")[:1]),
            deadline_then=Subquery(last.annotate(d=deadline).values("d")[:1]),
        )
        .filter(state_then__in=list(OPEN_STATES), deadline_then__lt=int(moment.timestamp()))
    )
