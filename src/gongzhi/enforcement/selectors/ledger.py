"""The ledger (台账): records filtered by place, state and period, with totals computed by the
database, and the rows of the Excel export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from gongzhi.enforcement.choices import DocumentKind
from gongzhi.enforcement.ledger import (
    FOUND_BY_WORDS,
    METHOD_WORDS,
    OUTCOME_WORDS,
    STATE_WORDS,
    STRUCTURE_WORDS,
)
from gongzhi.enforcement.models import EnforcementDocument, IllegalStructure
from gongzhi.org.choices import Level
from gongzhi.org.models import Node

CENT = Decimal("0.01")
PERIOD_FOUND = "found"
PERIOD_DEMOLISHED = "demolished"


@dataclass
class LedgerFilter:
    """What the ledger shows: a place (street, community or grid), states and a period."""

    node: Node | None = None
    states: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    period_by: str = PERIOD_FOUND


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def ledger_queryset(user, flt: LedgerFilter):
    """The records ``user`` may see that pass the filter (unordered, no joins)."""
    qs = IllegalStructure.objects.visible_to(user)
    if flt.node is not None:
        qs = qs.filter(node__path__startswith=flt.node.path)
    if flt.states:
        qs = qs.filter(state__in=flt.states)
    if flt.period_by == PERIOD_DEMOLISHED:
        if flt.date_from:
            qs = qs.filter(demolished_on__gte=flt.date_from)
        if flt.date_to:
            qs = qs.filter(demolished_on__lte=flt.date_to)
    else:
        if flt.date_from:
            qs = qs.filter(found_at__gte=_start_of(flt.date_from))
        if flt.date_to:
            qs = qs.filter(found_at__lt=_start_of(flt.date_to + dt.timedelta(days=1)))
    return qs


def ledger_totals(queryset) -> dict:
    """Count, m² found and m² removed over ``queryset``, summed by the database."""
    sums = queryset.order_by().aggregate(
        n=Count("id"),
        found=Sum("area_found"),
        removed=Sum("area_removed"),
        gone=Count("id", filter=Q(area_removed__isnull=False)),
    )
    return {
        "count": sums["n"],
        # SQLite hands sums back unscaled (Decimal("10")): keep the ledger's two places.
        "area_found": Decimal(sums["found"] or 0).quantize(CENT),
        "area_removed": Decimal(sums["removed"] or 0).quantize(CENT),
        "demolished": sums["gone"],
    }


def ledger_records(user, flt: LedgerFilter):
    """The ledger's records with what its rows show (documents prefetched, one query)."""
    documents = EnforcementDocument.objects.filter(
        withdrawn_at__isnull=True,
        kind__in=[DocumentKind.STOP_ORDER, DocumentKind.DEMOLITION_ORDER],
    ).order_by("created_at")
    return (
        ledger_queryset(user, flt)
        .select_related("node", "authority")
        .prefetch_related(Prefetch("documents", queryset=documents, to_attr="ledger_documents"))
        .order_by("found_at", "id")
    )


def place_names(records) -> dict[str, dict[str, str]]:
    """For each record node's path: the names of its street, community and grid (one query)."""
    paths = set()
    for record in records:
        node = record.node
        paths.update(node.path[: i * node.steplen] for i in range(1, node.depth + 1))
    levels: dict[str, tuple[str, str]] = {
        path: (level, name)
        for path, level, name in Node.objects.filter(path__in=paths).values_list(
            "path", "level", "name"
        )
    }
    names: dict[str, dict[str, str]] = {}
    for record in records:
        node = record.node
        found = {}
        for i in range(1, node.depth + 1):
            level, name = levels.get(node.path[: i * node.steplen], ("", ""))
            found[level] = name
        names[node.path] = {
            "street": found.get(Level.STREET, ""),
            "community": found.get(Level.COMMUNITY, ""),
            "grid": found.get(Level.GRID, ""),
        }
    return names


def _number(record, kind) -> str:
    for document in getattr(record, "ledger_documents", []):
        if document.kind == kind:
            return document.number
    return (record.legacy_numbers or {}).get(kind, "")


def ledger_row(record, names: dict[str, str]) -> dict:
    """One record as the ledger's columns (keys of ``ledger.COLUMNS``)."""
    return {
        "pk": record.pk,
        "reference": record.reference,
        "street": names.get("street", ""),
        "community": names.get("community", ""),
        "grid": names.get("grid", ""),
        "grid_code": record.node.code,
        "address": record.address,
        "party_name": record.party_name,
        "party_address": record.party_address,
        "structure_type": STRUCTURE_WORDS.get(record.structure_type, ""),
        "found_by": FOUND_BY_WORDS.get(record.found_by, ""),
        "found_on": timezone.localdate(record.found_at),
        "area_found": record.area_found,
        "state": STATE_WORDS.get(record.state, record.state),
        "stop_order_number": _number(record, DocumentKind.STOP_ORDER),
        "demolition_order_number": _number(record, DocumentKind.DEMOLITION_ORDER),
        "self_demolition_deadline": record.self_demolition_deadline,
        "demolition_method": METHOD_WORDS.get(record.demolition_method, ""),
        "demolished_on": record.demolished_on,
        "area_removed": record.area_removed,
        "last_revisit_on": record.last_revisit_on,
        "last_revisit_outcome": OUTCOME_WORDS.get(record.last_revisit_outcome, ""),
        "lat": record.lat,
        "lon": record.lon,
        "note": record.note,
    }


def ledger_rows(records) -> list[dict]:
    records = list(records)
    names = place_names(records)
    return [ledger_row(record, names[record.node.path]) for record in records]
