"""Reads of the participation app, each a fixed number of queries.

``monthly_compliance`` and ``board_month_counts`` are what dashboards read; their signatures
are meant to stay.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.participation.choices import (
    COUNCIL_HELD_STATES,
    DEMAND_OPEN,
    TASK_OPEN,
    CouncilState,
    DemandState,
    PostState,
    ResolutionOutcome,
    TaskState,
)
from gongzhi.participation.models import (
    BoardPost,
    CompliancePolicy,
    Council,
    CouncilAttendance,
    Demand,
    Invitation,
    Resolution,
    ServiceEntry,
    Task,
)
from gongzhi.participation.permissions import MODERATE, VIEW

# Levels that must hold a monthly council when no CompliancePolicy row says otherwise.
DEFAULT_REQUIRED_LEVELS = frozenset({Level.GRID, Level.MICROGRID})


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a calendar month in the local zone."""
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def parse_month(value: str | None) -> tuple[int, int] | None:
    """``"2026-05"`` → (2026, 5); anything else → None."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
    except ValueError:
        return None
    if 2000 <= year <= 2100 and 1 <= month <= 12:
        return year, month
    return None


def _in_month(queryset, field_name: str, month):
    if month is None:
        return queryset
    start, end = month_bounds(*month)
    return queryset.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


def _under(queryset, node, lookup="node"):
    return queryset.filter(**{f"{lookup}__path__startswith": node.path}) if node else queryset


# --- councils -------------------------------------------------------------------------------


def councils_for(user, *, node=None, state=None, month=None) -> QuerySet[Council]:
    qs = Council.objects.visible_to(user).select_related("node", "convener")
    qs = _in_month(_under(qs, node), "starts_at", month)
    if state:
        qs = qs.filter(state=state)
    return qs.annotate(attendee_count=Count("attendances", distinct=True)).order_by(
        "-starts_at", "-id"
    )


def council_detail(council: Council) -> Council:
    """The council with its agenda, invitations, attendance and resolutions loaded."""
    return (
        Council.objects.filter(pk=council.pk)
        .select_related("node", "convener")
        .prefetch_related(
            "agenda_items__demand",
            Prefetch("invitations", Invitation.objects.select_related("party", "person")),
            Prefetch("attendances", CouncilAttendance.objects.select_related("person")),
            Prefetch(
                "resolutions",
                Resolution.objects.select_related("task", "case", "agenda_item"),
            ),
            "labels",
        )
        .get()
    )


def public_councils(*, node=None, month=None) -> QuerySet[Council]:
    qs = _in_month(_under(Council.objects.public(), node), "starts_at", month)
    return qs.select_related("node").prefetch_related(
        Prefetch("resolutions", Resolution.objects.select_related("task", "case")),
        Prefetch("attendances", CouncilAttendance.objects.select_related("person")),
    )


def required_levels() -> set[str]:
    """The levels that must hold a council every month (CompliancePolicy, else the default)."""
    levels = set(DEFAULT_REQUIRED_LEVELS)
    for policy in CompliancePolicy.objects.all():
        if policy.monthly_required:
            levels.add(policy.level)
        else:
            levels.discard(policy.level)
    return levels


@dataclass
class ComplianceRow:
    """One node that must meet monthly, and how its month went."""

    node: Node
    held: bool
    councils: int
    invited: int
    present: int
    attendees: int
    resolutions_open: int
    resolutions_done: int

    @property
    def attendance_rate(self) -> float | None:
        """Share of invitations (parties and people) present at the month's held councils."""
        return self.present / self.invited if self.invited else None


@dataclass
class ComplianceReport:
    node: Node
    year: int
    month: int
    rows: list[ComplianceRow] = field(default_factory=list)

    @property
    def required(self) -> int:
        return len(self.rows)

    @property
    def held(self) -> int:
        return sum(1 for r in self.rows if r.held)

    @property
    def missed(self) -> list[ComplianceRow]:
        return [r for r in self.rows if not r.held]

    @property
    def rate(self) -> float | None:
        return self.held / self.required if self.rows else None

    @property
    def attendance_rate(self) -> float | None:
        invited = sum(r.invited for r in self.rows)
        return sum(r.present for r in self.rows) / invited if invited else None

    @property
    def resolutions_open(self) -> int:
        return sum(r.resolutions_open for r in self.rows)

    @property
    def resolutions_done(self) -> int:
        return sum(r.resolutions_done for r in self.rows)


def monthly_compliance(*, node: Node, year: int, month: int, levels=None) -> ComplianceReport:
    """Which nodes in ``node``'s subtree that must hold a monthly council (by level, see
    ``required_levels``) held one in the month, with attendance and resolutions open/done.

    Four queries whatever the size of the subtree.
    """
    levels = set(levels) if levels is not None else required_levels()
    nodes = list(Node.objects.filter(path__startswith=node.path, level__in=levels).order_by("path"))
    start, end = month_bounds(year, month)
    councils = list(
        Council.objects.filter(
            node__in=nodes, starts_at__gte=start, starts_at__lt=end, state__in=COUNCIL_HELD_STATES
        )
        .annotate(
            invited=Count("invitations", distinct=True),
            present=Count("invitations", filter=Q(invitations__present=True), distinct=True),
            attendee_count=Count("attendances", distinct=True),
        )
        .values("pk", "node_id", "invited", "present", "attendee_count")
    )
    done_q = (
        Q(outcome=ResolutionOutcome.NONE) | Q(task__state=TaskState.DONE) | Q(case__state="closed")
    )
    resolutions = (
        Resolution.objects.filter(council_id__in=[c["pk"] for c in councils])
        .values("council__node_id")
        .annotate(done=Count("pk", filter=done_q), total=Count("pk"))
    )
    by_node_res = {r["council__node_id"]: r for r in resolutions}
    report = ComplianceReport(node=node, year=year, month=month)
    for n in nodes:
        mine = [c for c in councils if c["node_id"] == n.pk]
        res = by_node_res.get(n.pk, {"done": 0, "total": 0})
        report.rows.append(
            ComplianceRow(
                node=n,
                held=bool(mine),
                councils=len(mine),
                invited=sum(c["invited"] for c in mine),
                present=sum(c["present"] for c in mine),
                attendees=sum(c["attendee_count"] for c in mine),
                resolutions_open=res["total"] - res["done"],
                resolutions_done=res["done"],
            )
        )
    return report


# --- demands --------------------------------------------------------------------------------


def public_demands(*, node=None, state=None, month=None, label=None) -> QuerySet[Demand]:
    qs = _in_month(_under(Demand.objects.public(), node), "created_at", month)
    if state == "open":
        qs = qs.filter(state__in=DEMAND_OPEN)
    elif state:
        qs = qs.filter(state=state)
    if label:
        qs = qs.filter(labels__id=label)
    return qs.select_related("node", "raised_by_person", "task").prefetch_related("labels")


def demand_totals(*, node=None, month=None) -> dict:
    """Raised and done in the filter (for "done N of M")."""
    qs = _in_month(_under(Demand.objects.all(), node), "created_at", month)
    return qs.aggregate(raised=Count("pk"), done=Count("pk", filter=Q(state=DemandState.DONE)))


def demand_page(pk: int) -> Demand | None:
    return (
        Demand.objects.filter(pk=pk)
        .select_related("node", "raised_by_person", "task", "case", "merged_into", "council")
        .prefetch_related("photos", "progress_notes", "labels")
        .first()
    )


def staff_demands(user, *, node=None, state=None) -> QuerySet[Demand]:
    qs = _under(Demand.objects.visible_to(user), node).select_related("node", "raised_by_person")
    if state == "open":
        qs = qs.filter(state__in=DEMAND_OPEN)
    elif state:
        qs = qs.filter(state=state)
    return qs


def my_demands(user) -> QuerySet[Demand]:
    return Demand.objects.filter(raised_by=user).select_related("node")


def supported_ids(user, demands) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    from gongzhi.participation.models import DemandSupport

    return set(
        DemandSupport.objects.filter(user=user, demand__in=list(demands)).values_list(
            "demand_id", flat=True
        )
    )


# --- services and tasks ---------------------------------------------------------------------


def public_services(*, node=None, label=None) -> QuerySet[ServiceEntry]:
    qs = _under(ServiceEntry.objects.public(), node)
    if label:
        qs = qs.filter(labels__id=label)
    return qs.select_related("node").prefetch_related("labels")


def public_tasks(*, node=None, state=None, label=None, month=None) -> QuerySet[Task]:
    qs = _in_month(_under(Task.objects.public(), node), "starts_at", month)
    if state == "open":
        qs = qs.filter(state__in=TASK_OPEN)
    elif state:
        qs = qs.filter(state=state)
    if label:
        qs = qs.filter(labels__id=label)
    return qs.select_related("node", "responsible").prefetch_related("labels")


def task_page(pk: int) -> Task | None:
    return (
        Task.objects.filter(pk=pk)
        .select_related("node", "responsible", "owner_party")
        .prefetch_related("progress_notes", "photos", "labels", "demands")
        .first()
    )


def tasks_for(user, *, node=None, state=None) -> QuerySet[Task]:
    qs = _under(Task.objects.visible_to(user), node).select_related("node", "responsible")
    if state == "open":
        qs = qs.filter(state__in=TASK_OPEN)
    elif state:
        qs = qs.filter(state=state)
    return qs


def task_totals(*, node=None) -> dict:
    qs = _under(Task.objects.all(), node)
    return qs.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(state=TaskState.DONE)),
        overdue=Count("pk", filter=Q(state=TaskState.OVERDUE)),
    )


# --- boards ---------------------------------------------------------------------------------


def public_posts(*, board=None, node=None, month=None, label=None) -> QuerySet[BoardPost]:
    qs = _in_month(_under(BoardPost.objects.public(), node), "created_at", month)
    if board:
        qs = qs.filter(board=board)
    if label:
        qs = qs.filter(labels__id=label)
    return qs.select_related("node", "author_person", "deed_person", "case")


def pending_posts(user, *, node=None) -> QuerySet[BoardPost]:
    qs = BoardPost.objects.visible_to(user, MODERATE).filter(state=PostState.PENDING)
    return _under(qs, node).select_related("node", "author_person").order_by("created_at", "id")


def board_month_counts(*, node: Node, since: dt.datetime | None = None, public_only=True) -> dict:
    """``{(board, "YYYY-MM"): count}`` of posts under ``node`` (approved ones by default)."""
    qs = BoardPost.objects.filter(node__path__startswith=node.path)
    if public_only:
        qs = qs.filter(state=PostState.APPROVED)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    rows = (
        qs.annotate(month=TruncMonth("created_at"))
        .values("board", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        (
            r["board"],
            timezone.localtime(r["month"]).strftime("%Y-%m")
            if timezone.is_aware(r["month"])
            else r["month"].strftime("%Y-%m"),
        ): r["n"]
        for r in rows
    }


# --- other apps' views of participation -----------------------------------------------------


def origins_of_case(case) -> list[dict]:
    """What a case came from in participation: a council resolution, a demand, a board post."""
    origins = []
    for resolution in Resolution.objects.filter(case=case).select_related("council"):
        origins.append({"kind": "council", "council": resolution.council, "resolution": resolution})
    for demand in Demand.objects.filter(case=case):
        origins.append({"kind": "demand", "demand": demand})
    for post in BoardPost.objects.filter(case=case):
        origins.append({"kind": "post", "post": post})
    return origins


def staff_counts(user) -> dict:
    demands = Demand.objects.visible_to(user)
    return {
        "councils_planned": Council.objects.visible_to(user)
        .filter(state__in=[CouncilState.PLANNED, CouncilState.NOTICE_SENT])
        .count(),
        "demands_waiting": demands.filter(state=DemandState.SUBMITTED).count(),
        "tasks_overdue": Task.objects.visible_to(user).filter(state=TaskState.OVERDUE).count(),
        "posts_pending": BoardPost.objects.visible_to(user, MODERATE)
        .filter(state=PostState.PENDING)
        .count(),
    }


def nodes_for_choice(user, permission: str = VIEW, *, top: Node | None = None) -> QuerySet[Node]:
    """Nodes (community down to microgrid) where ``user`` holds ``permission``."""
    from gongzhi.org.access import subtree_q, user_scope

    scope = user_scope(user)
    qs = Node.objects.filter(level__in=[Level.COMMUNITY, Level.GRID, Level.MICROGRID])
    if not scope.is_global:
        qs = qs.filter(subtree_q("", scope.paths_for(permission)))
    if top is not None:
        qs = qs.filter(path__startswith=top.path)
    return qs.order_by("path")
