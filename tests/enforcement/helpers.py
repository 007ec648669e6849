"""Driving records through the procedure in tests."""

import datetime as dt

from django.utils import timezone

from gongzhi.enforcement import services as s
from gongzhi.enforcement.choices import DocumentKind, RecordState
from tests.enforcement.conftest import jpeg


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def serve(record, kind, actor, *, served_ago=20, issued_ago=None, deadline=None):
    """Issue the document of ``kind`` and record its service."""
    issued_ago = served_ago if issued_ago is None else issued_ago
    document = s.document_issue(
        record=record,
        kind=kind,
        actor=actor,
        issued_on=days_ago(issued_ago),
        self_demolition_deadline=deadline,
    )
    s.document_record_service(
        document=document,
        actor=actor,
        served_on=days_ago(served_ago),
        method="direct",
        recipient="张三",
        receipt_photo=jpeg(),
    )
    record.refresh_from_db()
    return record, document


def investigate(record, actor):
    return s.structure_investigate(
        record=record, actor=actor, facts="未经规划许可,在3幢北侧搭建彩钢棚一处,约18.5平方米。"
    )


def drive(record, state, officer):
    """Move a freshly found record to ``state`` through the services, as the officer."""
    if state == RecordState.FOUND:
        return record
    record = investigate(record, officer)
    if state == RecordState.INVESTIGATED:
        return record
    record, _ = serve(record, DocumentKind.STOP_ORDER, officer, served_ago=25)
    if state == RecordState.STOP_ORDER_SERVED:
        return record
    record, _ = serve(
        record, DocumentKind.DEMOLITION_ORDER, officer, served_ago=20, deadline=days_ago(10)
    )
    if state == RecordState.DEMOLITION_ORDER_SERVED:
        return record
    record, _ = serve(record, DocumentKind.REMINDER, officer, served_ago=8)
    if state == RecordState.REMINDED:
        return record
    record, _ = serve(record, DocumentKind.FORCED_NOTICE, officer, served_ago=6)
    if state == RecordState.FORCED_NOTICE_SERVED:
        return record
    record = s.structure_record_demolition(
        record=record,
        actor=officer,
        method="forced",
        area_removed="18.50",
        demolished_on=days_ago(5),
        photos_after=[jpeg((10, 200, 10))],
        photos_before=[jpeg((200, 10, 10))],
    )
    assert record.state == RecordState.DEMOLISHED
    return record
