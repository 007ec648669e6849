"""Driving records through the procedure in tests."""

import datetime as dt

from django.utils import timezone

from gongzhi.enforcement import services as s
from gongzhi.enforcement.choices import Action, DocumentKind, RecordState
from tests.enforcement.conftest import jpeg

# Days before today at which the usual path's steps happen (the self-demolition deadline has
# lapsed by the time the reminder is served).
SERVED_AGO = {
    DocumentKind.STOP_ORDER: 25,
    DocumentKind.DEMOLITION_ORDER: 20,
    DocumentKind.REMINDER: 8,
    DocumentKind.FORCED_NOTICE: 6,
}
SELF_DEMOLITION_DEADLINE_AGO = 10
DEMOLISHED_AGO = 5


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def issue(record, kind, actor, **extra):
    fields = {"issued_on": days_ago(SERVED_AGO[kind])}
    if kind == DocumentKind.DEMOLITION_ORDER:
        fields["self_demolition_deadline"] = days_ago(SELF_DEMOLITION_DEADLINE_AGO)
    fields.update(extra)
    return s.document_issue(record=record, kind=kind, actor=actor, **fields)


def record_service(document, actor, **extra):
    fields = {
        "served_on": document.issued_on,
        "method": "direct",
        "recipient": "张三",
        "receipt_photo": jpeg(),
    }
    fields.update(extra)
    return s.document_record_service(document=document, actor=actor, **fields)


def serve(record, kind, actor):
    """Issue the document of ``kind`` and record its service."""
    document = issue(record, kind, actor)
    record_service(document, actor)
    record.refresh_from_db()
    return record, document


def investigate(record, actor):
    return s.structure_investigate(
        record=record, actor=actor, facts="未经规划许可,在3幢北侧搭建彩钢棚一处,约18.5平方米。"
    )


def demolish(record, actor, method="forced", area="18.50"):
    return s.structure_record_demolition(
        record=record,
        actor=actor,
        method=method,
        area_removed=area,
        demolished_on=days_ago(DEMOLISHED_AGO),
        photos_after=[jpeg((10, 200, 10))],
        photos_before=[jpeg((200, 10, 10))],
    )


def revisit(record, actor, *, relapsed=False, seq=None):
    pending = record.revisits.filter(done_at__isnull=True).order_by("seq")
    item = pending.get(seq=seq) if seq else pending.first()
    return s.structure_record_revisit(
        revisit=item, actor=actor, relapsed=relapsed, note="回头看", photos=[jpeg((90, 90, 90))]
    )


PATH = [
    (RecordState.INVESTIGATED, lambda r, a: investigate(r, a)),
    (RecordState.STOP_ORDER_SERVED, lambda r, a: serve(r, DocumentKind.STOP_ORDER, a)[0]),
    (
        RecordState.DEMOLITION_ORDER_SERVED,
        lambda r, a: serve(r, DocumentKind.DEMOLITION_ORDER, a)[0],
    ),
    (RecordState.REMINDED, lambda r, a: serve(r, DocumentKind.REMINDER, a)[0]),
    (RecordState.FORCED_NOTICE_SERVED, lambda r, a: serve(r, DocumentKind.FORCED_NOTICE, a)[0]),
    (RecordState.DEMOLISHED, lambda r, a: demolish(r, a)),
]


ORDER = [RecordState.FOUND] + [reached for reached, _step in PATH]


def drive(record, state, officer):
    """Move a record along the usual path from where it stands to ``state``, as the officer."""
    for reached, step in PATH:
        if record.state == state:
            break
        if ORDER.index(reached) <= ORDER.index(record.state):
            continue
        record = step(record, officer)
        assert record.state == reached
    assert record.state == state
    return record


def _last_revisit(record, actor):
    revisit(record, actor, seq=1)
    record.refresh_from_db()
    return revisit(record, actor)


# One way to perform each action of the procedure table.
RUN = {
    Action.INVESTIGATE: investigate,
    Action.DISMISS: lambda r, a: s.structure_dismiss(record=r, actor=a, reason="经核实系合法建筑"),
    Action.SERVE_STOP_ORDER: lambda r, a: serve(r, DocumentKind.STOP_ORDER, a)[0],
    Action.SERVE_DEMOLITION_ORDER: lambda r, a: serve(r, DocumentKind.DEMOLITION_ORDER, a)[0],
    Action.SERVE_REMINDER: lambda r, a: serve(r, DocumentKind.REMINDER, a)[0],
    Action.SERVE_FORCED_NOTICE: lambda r, a: serve(r, DocumentKind.FORCED_NOTICE, a)[0],
    Action.SELF_DEMOLISH: lambda r, a: demolish(r, a, method="self"),
    Action.FORCE_DEMOLISH: lambda r, a: demolish(r, a, method="forced"),
    Action.REVISIT: lambda r, a: revisit(r, a),
    Action.REVISIT_LAST: _last_revisit,
    Action.RELAPSE: lambda r, a: revisit(r, a, relapsed=True),
}
