"""The records behind a figure, as plain rows (the drill-down page, the API and Excel).

Rows carry what identifies a record and links to it; people appear only by masked name, and
no free text is copied, so the lists can be exported without leaking reporters' words.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.masking import mask_name

DRILL_LIMIT = 5000


def _t(value):
    if value is None:
        return None
    if hasattr(value, "hour"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _num(value):
    return float(value) if isinstance(value, Decimal) else value


COLUMNS = {
    "case": [
        ("reference", _("reference")),
        ("category", _("category")),
        ("grid", _("grid")),
        ("reported_at", _("reported at")),
        ("state", _("state now")),
    ],
    "rating": [
        ("reference", _("case")),
        ("grid", _("grid")),
        ("time", _("time")),
        ("contacted", _("contacted")),
        ("solved", _("solved")),
        ("satisfied", _("satisfied")),
    ],
    "structure": [
        ("reference", _("reference")),
        ("grid", _("grid")),
        ("found_at", _("found at")),
        ("demolished_on", _("demolished on")),
        ("amount", _("area removed (m²)")),
    ],
    "structure_revisit": [
        ("reference", _("record")),
        ("grid", _("grid")),
        ("time", _("done at")),
        ("outcome", _("result")),
    ],
    "attendance": [
        ("reference", _("activity")),
        ("person", _("volunteer")),
        ("time", _("checked in at")),
        ("amount", _("hours")),
    ],
    "activity": [("reference", _("activity")), ("grid", _("area")), ("time", _("starts at"))],
    "person": [("person", _("volunteer")), ("grid", _("lives in"))],
    "entry": [
        ("reference", _("transaction")),
        ("person", _("person")),
        ("time", _("occurred at")),
        ("reason", _("reason")),
        ("amount", _("points")),
    ],
    "council": [("reference", _("council")), ("grid", _("area")), ("time", _("starts at"))],
    "node": [("grid", _("area")), ("level", _("level"))],
    "demand": [
        ("reference", _("demand")),
        ("grid", _("area")),
        ("time", _("raised at")),
        ("state", _("state now")),
    ],
    "post": [
        ("reference", _("post")),
        ("board", _("board")),
        ("grid", _("area")),
        ("time", _("approved at")),
    ],
    "task": [
        ("reference", _("task")),
        ("grid", _("area")),
        ("time", _("due")),
        ("state", _("state now")),
    ],
    "movement": [
        ("reference", _("drive")),
        ("item", _("item kind")),
        ("grid", _("area")),
        ("time", _("time")),
        ("amount", _("quantity")),
    ],
    "delivery_item": [
        ("reference", _("drive")),
        ("item", _("item kind")),
        ("grid", _("delivered in")),
        ("time", _("delivered at")),
        ("amount", _("quantity")),
    ],
}


def _case_rows(qs, limit):
    for c in qs.select_related("category", "node").order_by("reported_at", "pk")[:limit]:
        yield {
            "id": c.pk,
            "reference": c.reference,
            "category": c.category.name,
            "grid": c.node.name,
            "reported_at": _t(c.reported_at),
            "state": c.get_state_display(),
            "url": _url("cases:case_detail", c.reference),
        }


def _rating_rows(qs, limit):
    for r in qs.select_related("case__node").order_by("created_at", "pk")[:limit]:
        yield {
            "id": r.pk,
            "reference": r.case.reference,
            "grid": r.case.node.name,
            "time": _t(r.created_at),
            "contacted": r.contacted,
            "solved": r.solved,
            "satisfied": r.satisfied,
            "url": _url("cases:case_detail", r.case.reference),
        }


def _structure_rows(qs, limit):
    for s in qs.select_related("node").order_by("found_at", "pk")[:limit]:
        yield {
            "id": s.pk,
            "reference": s.reference,
            "grid": s.node.name,
            "found_at": _t(s.found_at),
            "demolished_on": _t(s.demolished_on),
            "amount": _num(s.area_removed),
            "url": _url("enforcement:record_detail", s.pk),
        }


def _revisit_rows(qs, limit):
    for r in qs.select_related("record__node").order_by("done_at", "pk")[:limit]:
        yield {
            "id": r.pk,
            "reference": f"{r.record.reference} #{r.seq}",
            "grid": r.record.node.name,
            "time": _t(r.done_at),
            "outcome": r.get_outcome_display(),
            "url": _url("enforcement:record_detail", r.record_id),
        }


def _attendance_rows(qs, limit):
    for a in qs.select_related("activity", "person").order_by("check_in_at", "pk")[:limit]:
        yield {
            "id": a.pk,
            "reference": a.activity.title,
            "person": mask_name(a.person.name),
            "time": _t(a.check_in_at),
            "amount": _num(a.hours) or 0,
            "url": _url("volunteering:activity_detail", a.activity_id),
        }


def _activity_rows(qs, limit):
    for a in qs.select_related("node").order_by("starts_at", "pk")[:limit]:
        yield {
            "id": a.pk,
            "reference": a.title,
            "grid": a.node.name,
            "time": _t(a.starts_at),
            "url": _url("volunteering:activity_detail", a.pk),
        }


def _person_rows(qs, limit):
    for p in qs.select_related("node").order_by("pk")[:limit]:
        yield {"id": p.pk, "person": mask_name(p.name), "grid": p.node.name if p.node else ""}


def _entry_rows(qs, limit, negate=False):
    for e in qs.select_related("transaction", "account__person").order_by("pk")[:limit]:
        yield {
            "id": e.pk,
            "reference": f"#{e.transaction_id}",
            "person": mask_name(e.account.person.name) if e.account.person else "",
            "time": _t(e.transaction.occurred_at),
            "reason": e.transaction.get_reason_display() or e.transaction.get_kind_display(),
            "amount": -e.amount if negate else e.amount,
        }


def _council_rows(qs, limit):
    for c in qs.select_related("node").order_by("starts_at", "pk")[:limit]:
        yield {
            "id": c.pk,
            "reference": c.title,
            "grid": c.node.name,
            "time": _t(c.starts_at),
            "url": _url("participation:council_detail", c.pk),
        }


def _node_rows(qs, limit):
    for n in qs.order_by("path")[:limit]:
        yield {"id": n.pk, "grid": n.name, "level": n.get_level_display()}


def _demand_rows(qs, limit):
    # The title is a resident's own words: the row shows the number only.
    for d in qs.select_related("node").order_by("created_at", "pk")[:limit]:
        yield {
            "id": d.pk,
            "reference": f"#{d.pk}",
            "grid": d.node.name,
            "time": _t(d.created_at),
            "state": d.get_state_display(),
            "url": _url("participation:demand_public", d.pk),
        }


def _post_rows(qs, limit):
    for p in qs.select_related("node").order_by("moderated_at", "pk")[:limit]:
        yield {
            "id": p.pk,
            "reference": f"#{p.pk}",
            "board": p.get_board_display(),
            "grid": p.node.name,
            "time": _t(p.moderated_at),
            "url": _url("participation:post_public", p.pk),
        }


def _task_rows(qs, limit):
    for t in qs.select_related("node").order_by("due_at", "pk")[:limit]:
        yield {
            "id": t.pk,
            "reference": t.title,
            "grid": t.node.name,
            "time": _t(t.due_at),
            "state": t.get_state_display(),
            "url": _url("participation:task_public", t.pk),
        }


def _movement_rows(qs, limit):
    for m in qs.select_related("drive__node", "item_kind").order_by("created_at", "pk")[:limit]:
        yield {
            "id": m.pk,
            "reference": m.drive.title,
            "item": m.item_kind.name,
            "grid": m.drive.node.name,
            "time": _t(m.created_at),
            "amount": m.quantity,
            "url": _url("charity:drive_staff", m.drive_id),
        }


def _delivery_item_rows(qs, limit):
    items = qs.select_related("delivery__drive", "delivery__node", "item_kind")
    for i in items.order_by("delivery__done_at", "pk")[:limit]:
        drive = i.delivery.drive
        yield {
            "id": i.pk,
            "reference": drive.title,
            "item": i.item_kind.name,
            "grid": i.delivery.node.name,
            "time": _t(i.delivery.done_at),
            "amount": i.quantity,
            "url": _url("charity:delivery_phone", i.delivery_id),
        }


def rows(kpi, queryset, *, limit: int = DRILL_LIMIT) -> list[dict]:
    """The rows of ``queryset`` (from ``selectors.records``) for display, at most ``limit``."""
    kind = kpi.record_kind
    makers = {
        "case": _case_rows,
        "rating": _rating_rows,
        "structure": _structure_rows,
        "structure_revisit": _revisit_rows,
        "attendance": _attendance_rows,
        "activity": _activity_rows,
        "person": _person_rows,
        "entry": lambda qs, n: _entry_rows(qs, n, negate=kpi.amount == "-amount"),
        "council": _council_rows,
        "node": _node_rows,
        "demand": _demand_rows,
        "post": _post_rows,
        "task": _task_rows,
        "movement": _movement_rows,
        "delivery_item": _delivery_item_rows,
    }
    return list(makers[kind](queryset, limit or None))


def columns(kpi) -> list[tuple[str, object]]:
    return COLUMNS[kpi.record_kind]
