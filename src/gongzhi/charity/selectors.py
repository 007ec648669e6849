"""Reads of the charity app: staff lists through the chokepoint, the figures of the public
transparency pages computed from the ledger at request time, and audited sensitive reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Prefetch, Q, Sum

from gongzhi.charity.choices import (
    AssistanceCategory,
    ConsentScope,
    DeliveryState,
    MovementKind,
    PledgeState,
)
from gongzhi.charity.models import (
    AssistanceFile,
    Delivery,
    DeliveryItem,
    Drive,
    DriveGoal,
    Movement,
    Pledge,
    SensitiveDetails,
    StockLevel,
    Visit,
)
from gongzhi.core.audit import log_action
from gongzhi.org.access import get_for


@dataclass
class ItemRow:
    """One item kind of a drive: goal against what came in, went out and is left."""

    item_kind_id: int
    name: str
    unit: str
    goal: int = 0
    pledged: int = 0
    received: int = 0
    delivered: int = 0
    on_its_way: int = 0
    written_off: int = 0
    transferred: int = 0
    on_hand: int = 0

    @property
    def percent(self) -> int:
        if not self.goal:
            return 0
        return min(100, round(100 * self.received / self.goal))


@dataclass
class DriveFigures:
    items: list[ItemRow] = field(default_factory=list)
    cash_goal: Decimal | None = None
    cash_recorded: Decimal = Decimal("0")
    pledges: int = 0
    received_pledges: int = 0

    @property
    def cash_percent(self) -> int:
        if not self.cash_goal:
            return 0
        return min(100, round(100 * self.cash_recorded / self.cash_goal))

    def totals(self) -> ItemRow:
        total = ItemRow(item_kind_id=0, name="", unit="")
        for row in self.items:
            for name in (
                "goal",
                "pledged",
                "received",
                "delivered",
                "on_its_way",
                "written_off",
                "transferred",
                "on_hand",
            ):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total


def drive_figures(drive: Drive) -> DriveFigures:
    """Goal vs received per item kind, delivered, on its way, written off, transferred and on
    hand — all from the ledger (four grouped queries whatever the drive's size)."""
    rows: dict[int, ItemRow] = {}

    def row(kind_id, name, unit) -> ItemRow:
        if kind_id not in rows:
            rows[kind_id] = ItemRow(item_kind_id=kind_id, name=name, unit=unit)
        return rows[kind_id]

    for goal in DriveGoal.objects.filter(drive=drive).select_related("item_kind"):
        row(goal.item_kind_id, goal.item_kind.name, goal.item_kind.unit).goal = goal.quantity
    pledged = (
        Pledge.objects.filter(drive=drive)
        .exclude(state=PledgeState.CANCELLED)
        .values("items__item_kind_id", "items__item_kind__name", "items__item_kind__unit")
        .annotate(total=Sum("items__quantity"))
        .order_by()
    )
    for entry in pledged:
        if entry["items__item_kind_id"] is None:
            continue
        row(
            entry["items__item_kind_id"],
            entry["items__item_kind__name"],
            entry["items__item_kind__unit"],
        ).pledged = entry["total"]
    movements = (
        Movement.objects.filter(drive=drive)
        .values("item_kind_id", "item_kind__name", "item_kind__unit", "kind", "delivery__state")
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    for entry in movements:
        r = row(entry["item_kind_id"], entry["item_kind__name"], entry["item_kind__unit"])
        kind, total = entry["kind"], entry["total"]
        r.on_hand += total
        if kind == MovementKind.RECEIVED:
            r.received += total
        elif kind == MovementKind.WRITTEN_OFF:
            r.written_off -= total
        elif kind == MovementKind.TRANSFERRED_OUT:
            r.transferred -= total
        elif kind == MovementKind.TRANSFERRED_IN:
            r.transferred += total  # moves between places cancel out at the drive's level
        elif entry["delivery__state"] == DeliveryState.DONE:
            r.delivered -= total
        elif entry["delivery__state"] in (DeliveryState.PLANNED, DeliveryState.SIGNED):
            r.on_its_way -= total
    pledge_stats = Pledge.objects.filter(drive=drive).aggregate(
        pledges=Count("id", filter=~Q(state=PledgeState.CANCELLED)),
        received=Count("id", filter=Q(state=PledgeState.RECEIVED)),
        cash=Sum("cash_amount", filter=Q(state=PledgeState.RECEIVED)),
    )
    return DriveFigures(
        items=sorted(rows.values(), key=lambda r: (-r.goal, r.name)),
        cash_goal=drive.cash_goal,
        cash_recorded=pledge_stats["cash"] or Decimal("0"),
        pledges=pledge_stats["pledges"],
        received_pledges=pledge_stats["received"],
    )


def public_drives(node=None):
    drives = Drive.objects.public().select_related("node", "organisation")
    if node is not None:
        drives = drives.filter(node__path__startswith=node.path)
    return drives


def public_drive(pk):
    return public_drives().filter(pk=pk).first()


def category_labels(categories) -> str:
    labels = dict(AssistanceCategory.choices)
    return "、".join(str(labels.get(c, c)) for c in categories)


def recipient_for_public(delivery: Delivery) -> str:
    """How the public sees a recipient: named only as consented, otherwise by category and node
    (the caller still passes the result through the scrubber)."""
    file = delivery.assistance_file
    if file is not None:
        if file.publishable:
            return file.public_name
        return f"{category_labels(file.categories)}（{delivery.node.name}）"
    if delivery.public_name_consent:
        return delivery.recipient_name
    label = delivery.public_category or delivery.get_beneficiary_kind_display()
    return f"{label}（{delivery.node.name}）"


def public_deliveries(drive_ids):
    """Deliveries done, with their items, for the public pages."""
    return (
        Delivery.objects.filter(drive_id__in=drive_ids, state=DeliveryState.DONE)
        .select_related("node", "assistance_file", "drive")
        .prefetch_related(
            Prefetch("items", queryset=DeliveryItem.objects.select_related("item_kind"))
        )
        .order_by("-scheduled_on", "-id")
    )


def public_donors(drive: Drive, limit: int = 60):
    return (
        Pledge.objects.filter(drive=drive, state=PledgeState.RECEIVED)
        .select_related("donor_organisation")
        .order_by("-received_at", "-id")[:limit]
    )


def public_stories(node):
    """Assistance files whose consent allows a story, with their public timeline entries."""
    return (
        AssistanceFile.objects.filter(node__path__startswith=node.path)
        .exclude(consent_scope=ConsentScope.NONE)
        .exclude(consent_on__isnull=True)
        .prefetch_related(
            Prefetch(
                "visits",
                queryset=Visit.objects.filter(is_public=True).order_by("-visited_on"),
                to_attr="public_visits",
            )
        )
        .select_related("organisation")
    )


def stock_for(user, drive=None):
    levels = (
        StockLevel.objects.visible_to(user)
        .select_related("drive", "place", "item_kind")
        .filter(on_hand__gt=0)
    )
    if drive is not None:
        levels = levels.filter(drive=drive)
    return levels.order_by("drive_id", "place__name", "item_kind__name")


def drives_for(user):
    return Drive.objects.visible_to(user).select_related("node", "organisation").distinct()


def deliveries_for(user):
    return (
        Delivery.objects.visible_to(user)
        .select_related("drive", "node", "place", "activity")
        .prefetch_related(
            Prefetch("items", queryset=DeliveryItem.objects.select_related("item_kind"))
        )
        .distinct()
    )


def my_open_deliveries(user):
    return (
        Delivery.objects.filter(
            volunteers__user=user, state__in=(DeliveryState.PLANNED, DeliveryState.SIGNED)
        )
        .select_related("drive", "node")
        .distinct()
        .order_by("scheduled_on", "id")
    )


def pledges_for(user):
    return (
        Pledge.objects.visible_to(user)
        .select_related("drive", "donor_organisation", "acknowledgement")
        .prefetch_related("items__item_kind")
        .distinct()
    )


def files_for(user):
    return AssistanceFile.objects.visible_to(user).select_related("node", "caseworker").distinct()


def sensitive_details(user, file: AssistanceFile, *, purpose: str = "view") -> SensitiveDetails:
    """The file's sensitive details, for the caseworker and the charity officer only (404 for
    everyone else, through the chokepoint); every read is written to the audit log."""
    details = get_for(user, SensitiveDetails, file_id=file.pk)
    with transaction.atomic():
        log_action(
            "charity.assistance.sensitive_viewed",
            actor=user,
            obj=file,
            data={"fields": [name for name in _filled(details)], "purpose": purpose},
        )
    return details


def _filled(details: SensitiveDetails) -> list[str]:
    from gongzhi.charity.choices import SENSITIVE_FIELDS

    return [name for name in SENSITIVE_FIELDS if getattr(details, name)]


def community_totals(node) -> dict:
    """The overall community page: every public drive under ``node`` added up by item kind."""
    drives = list(public_drives(node))
    ids = [d.pk for d in drives]
    totals: dict[str, dict] = defaultdict(lambda: {"received": 0, "delivered": 0, "on_hand": 0})
    movements = (
        Movement.objects.filter(drive_id__in=ids)
        .values("item_kind__name", "kind", "delivery__state")
        .annotate(total=Sum("quantity"))
        .order_by()
    )
    for entry in movements:
        bucket = totals[entry["item_kind__name"]]
        bucket["on_hand"] += entry["total"]
        if entry["kind"] == MovementKind.RECEIVED:
            bucket["received"] += entry["total"]
        elif (
            entry["kind"] in (MovementKind.ALLOCATED, MovementKind.RELEASED)
            and entry["delivery__state"] == DeliveryState.DONE
        ):
            bucket["delivered"] -= entry["total"]
    deliveries = Delivery.objects.filter(drive_id__in=ids, state=DeliveryState.DONE).count()
    donors = Pledge.objects.filter(drive_id__in=ids, state=PledgeState.RECEIVED).count()
    return {
        "drives": drives,
        "items": sorted(totals.items()),
        "deliveries": deliveries,
        "donors": donors,
    }


def drive_progress(drive_ids) -> dict[int, tuple[int, int]]:
    """``{drive id: (items asked for, items received)}`` for many drives in two grouped
    queries (the portal's block of open drives)."""
    ids = list(drive_ids)
    goals = dict(
        DriveGoal.objects.filter(drive_id__in=ids)
        .values("drive_id")
        .annotate(total=Sum("quantity"))
        .order_by()
        .values_list("drive_id", "total")
    )
    received = dict(
        Movement.objects.filter(drive_id__in=ids, kind=MovementKind.RECEIVED)
        .values("drive_id")
        .annotate(total=Sum("quantity"))
        .order_by()
        .values_list("drive_id", "total")
    )
    return {pk: (goals.get(pk) or 0, received.get(pk) or 0) for pk in ids}


def caseworkers_for(nodes) -> list:
    """The people who may work an assistance file at any of ``nodes`` (holding a role there or
    above that lets them manage assistance files), by name, in one query."""
    from gongzhi.charity.permissions import GRANTS, MANAGE_ASSISTANCE
    from gongzhi.org.cached import ancestor_paths
    from gongzhi.org.models import RoleAssignment
    from gongzhi.org.names import display_name

    roles = [role for role, granted in GRANTS.items() if MANAGE_ASSISTANCE in granted]
    paths = {path for node in nodes for path in ancestor_paths(node)}
    found = (
        RoleAssignment.objects.filter(node__path__in=paths, role__in=roles)
        .select_related("user__person")
        .order_by("user_id")
    )
    users = {a.user_id: a.user for a in found if a.user.is_active}
    return sorted(users.values(), key=display_name)
