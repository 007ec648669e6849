"""Reading cases: queues, one case with what this user may do to it, the timeline, the clock."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils import timezone

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import OPEN_STATES, Action, State
from gongzhi.cases.models import Case, CaseEvent, CasePhoto
from gongzhi.cases.services.common import may
from gongzhi.cases.workflow import TRANSITIONS
from gongzhi.org.access import user_scope
from gongzhi.org.roles import role_grants
from gongzhi.worktime import clock

QUEUES = (
    "all",
    "mine",
    "grid",
    "awaiting_acceptance",
    "awaiting_dispatch",
    "in_progress",
    "overdue",
    "awaiting_verification",
    "parked",
    "followup",
    "reported_by_me",
)

LIST_RELATED = ("category", "node", "assigned_party", "handler__person", "routed_party")


def _base(user):
    return Case.objects.visible_to(user).select_related(*LIST_RELATED)


def case_queue(
    user,
    queue: str = "all",
    *,
    now=None,
    category=None,
    state=None,
    node=None,
    search: str = "",
    since=None,
    until=None,
):
    """The cases in one of the staff/handler queues, newest first (constant query count).

    Queues: ``mine`` (handled by me or dispatched to my party, open), ``grid`` (open cases in
    my subtree), ``awaiting_acceptance``, ``awaiting_dispatch`` (accepted or returned),
    ``in_progress``, ``overdue``, ``awaiting_verification``, ``parked``, ``followup`` (the
    follow-up call list), ``reported_by_me``.
    """
    now = now or timezone.now()
    qs = _base(user)
    if queue == "followup":
        from gongzhi.cases.selectors.stats import followup_call_list

        qs = followup_call_list(user, now=now).select_related(*LIST_RELATED)
    if queue == "mine":
        parties = {
            g.party_id
            for g in user_scope(user).grants
            if g.party_id and role_grants(g.role, perms.HANDLE)
        }
        qs = qs.filter(Q(handler=user) | Q(assigned_party_id__in=parties), state__in=OPEN_STATES)
    elif queue == "grid":
        qs = qs.filter(state__in=OPEN_STATES)
    elif queue == "awaiting_acceptance":
        qs = qs.filter(state=State.REPORTED)
    elif queue == "awaiting_dispatch":
        qs = qs.filter(state__in=[State.ACCEPTED, State.RETURNED])
    elif queue == "in_progress":
        qs = qs.filter(state__in=[State.DISPATCHED, State.HANDLING, State.REWORK])
    elif queue == "overdue":
        qs = qs.overdue(now).order_by("step_deadline_at")
    elif queue == "awaiting_verification":
        qs = qs.filter(state=State.RESOLVED)
    elif queue == "parked":
        qs = qs.filter(state=State.PARKED).order_by("parked_review_on")
    elif queue == "reported_by_me":
        qs = qs.filter(reporter_user=user)
    if category is not None:
        qs = qs.filter(Q(category=category) | Q(category__parent=category))
    if state:
        qs = qs.filter(state=state)
    if node is not None:
        qs = qs.in_subtree(node)
    if since is not None:
        qs = qs.filter(reported_at__gte=since)
    if until is not None:
        qs = qs.filter(reported_at__lt=until)
    if search:
        qs = qs.filter(
            Q(reference__icontains=search)
            | Q(description__icontains=search)
            | Q(address__icontains=search)
        )
    return qs


def my_reports(user):
    """A resident's own reports, with their photos (constant query count)."""
    return (
        Case.objects.filter(reporter_user=user)
        .select_related("category", "node", "reporter_person", "reporter_user")
        .prefetch_related("photos")
        .order_by("-reported_at", "-id")
    )


def case_for(user, reference: str) -> Case:
    """One case the user may see, with what its page needs; 404 when missing or forbidden."""
    from gongzhi.org.access import get_for

    queryset = Case.objects.select_related(
        *LIST_RELATED, "reporter_person", "reporter_user__person", "merged_into", "linked_from"
    ).prefetch_related(
        "answers__question",
        Prefetch("photos", queryset=CasePhoto.objects.order_by("created_at", "id")),
    )
    return get_for(user, queryset, reference=reference)


def available_actions(user, case) -> list[str]:
    """The workflow actions ``user`` may take on ``case`` now, in table order (no queries)."""
    return [
        action
        for action, transition in TRANSITIONS.items()
        if case.state in transition.sources and may(user, transition, case)
    ]


def case_timeline(case, *, public_only: bool = False):
    """The case's timeline entries, oldest first; only public ones for residents and the public."""
    qs = (
        CaseEvent.objects.filter(case=case)
        .select_related("actor__person")
        .order_by("created_at", "id")
    )
    return qs.filter(public=True) if public_only else qs


def case_sla(case, now=None) -> str | None:
    """green / yellow / red for the case's current step, or None when no clock runs."""
    if not case.step_deadline_at or not case.step_started_at or case.state not in OPEN_STATES:
        return None
    return clock.sla_status(
        case.step_started_at, case.step_deadline_at, now or timezone.now(), node=case.node
    )


def event_label(event) -> str:
    """The words for a timeline entry's action."""
    return Action(event.action).label if event.action in Action.values else event.action


def queues_for(user) -> list[str]:
    """The queues worth showing to ``user``, in the order of the tabs (no queries beyond the
    user's scope): a handler's own cases, then the staff queues their roles allow."""
    scope = user_scope(user)

    def has(permission):
        return scope.is_global or bool(scope.paths_for(permission))

    queues = []
    if scope.is_global or any(
        g.party_id and role_grants(g.role, perms.HANDLE) for g in scope.grants
    ):
        queues.append("mine")
    if has(perms.VIEW):
        queues.append("grid")
    if has(perms.ACCEPT):
        queues.append("awaiting_acceptance")
    if has(perms.DISPATCH):
        queues.append("awaiting_dispatch")
    if has(perms.VIEW):
        queues.append("overdue")
    if has(perms.VERIFY):
        queues.append("awaiting_verification")
    if has(perms.PARK):
        queues.append("parked")
    if has(perms.FOLLOWUP):
        queues.append("followup")
    if has(perms.VIEW):
        queues.append("all")
    return queues


def rating_due(case) -> bool:
    """Is the case closed with its latest closing not yet rated? (one query)"""
    from gongzhi.cases.models import Rating

    return (
        case.state == State.CLOSED
        and not Rating.objects.filter(case=case, closing_seq=case.close_count).exists()
    )


def my_reports_with_timeline(user):
    """``my_reports`` with each case's public timeline entries (``public_events``) and ratings,
    for the resident's list (constant query count)."""
    return my_reports(user).prefetch_related(
        Prefetch(
            "events",
            queryset=CaseEvent.objects.filter(public=True).order_by("created_at", "id"),
            to_attr="public_events",
        ),
        "ratings",
    )


def photo_for(user, pk) -> CasePhoto:
    """A photo whose case the user may see (their own report included); 404 otherwise."""
    from django.http import Http404

    try:
        photo = CasePhoto.objects.select_related("case").get(pk=pk)
    except (CasePhoto.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not Case.objects.visible_to(user).filter(pk=photo.case_id).exists():
        raise Http404
    return photo
