"""The records behind a briefing's figures, kept when it is frozen, and the audit entries that
explain why a regenerated figure differs from the frozen one."""

from __future__ import annotations

from gongzhi.core.models import AuditEntry
from gongzhi.insights.registry import RATE, kpis
from gongzhi.insights.selectors import records
from gongzhi.org.names import display_name

# What the audit trail calls each kind of record (``AuditEntry.object_type``), and how to reach
# the audited object from a drill-down row's queryset.
AUDITED = {
    "case": ("cases.case", "pk"),
    "rating": ("cases.case", "case_id"),
    "structure": ("enforcement.illegalstructure", "pk"),
    "structure_revisit": ("enforcement.illegalstructure", "record_id"),
    "attendance": ("volunteering.attendance", "pk"),
    "activity": ("volunteering.activity", "pk"),
    "person": ("org.person", "pk"),
    "entry": ("points.transaction", "transaction_id"),
    "council": ("participation.council", "pk"),
    "node": ("org.node", "pk"),
    "demand": ("participation.demand", "pk"),
    "post": ("participation.boardpost", "pk"),
    "task": ("participation.task", "pk"),
    "movement": ("charity.pledge", "pledge_id"),
    "delivery_item": ("charity.delivery", "delivery_id"),
}


def record_ids(node, period) -> dict:
    """For each KPI of ``node`` and ``period``: the ids of the audited objects behind it (a
    rate's denominator), as they stand now."""
    out = {}
    for kpi in kpis():
        qs = records(kpi, node, period, part="den" if kpi.kind == RATE else None)
        _label, field = AUDITED[kpi.record_kind]
        out[kpi.code] = sorted({int(v) for v in qs.values_list(field, flat=True) if v is not None})
    return out


def explain(kpi_code: str, *, frozen_ids, current_ids, since, limit: int = 50) -> list[dict]:
    """The audit entries after ``since`` on the records behind a figure, then or now."""
    from gongzhi.insights.registry import KPIS

    kpi = KPIS[kpi_code]
    label, _field = AUDITED[kpi.record_kind]
    ids = sorted(set(frozen_ids or []) | set(current_ids or []))
    if not ids:
        return []
    entries = (
        AuditEntry.objects.filter(
            object_type=label, object_id__in=[str(i) for i in ids], created_at__gt=since
        )
        .select_related("actor__person")
        .order_by("created_at", "pk")[:limit]
    )
    added = set(current_ids or []) - set(frozen_ids or [])
    removed = set(frozen_ids or []) - set(current_ids or [])
    return [
        {
            "time": e.created_at.isoformat(),
            "action": e.action,
            "object": e.object_repr,
            "actor": display_name(e.actor) if e.actor_id else "",
            "effect": "added"
            if int(e.object_id) in added
            else "removed"
            if int(e.object_id) in removed
            else "changed",
        }
        for e in entries
    ]
