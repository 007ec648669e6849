"""Writing audit entries: the one way every service records what it did."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Model

from gongzhi.core import events
from gongzhi.core.models import AuditEntry
from gongzhi.core.request_context import current_request_id


def _plain(value: Any) -> Any:
    """Make ``value`` JSON-safe the way Django serialises dates, decimals and UUIDs."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def log_action(
    action: str,
    *,
    actor=None,
    obj: Model | None = None,
    old: dict | None = None,
    new: dict | None = None,
    data: dict | None = None,
) -> AuditEntry:
    """Append an audit entry; call it inside the service's transaction.

    ``action`` is a dotted code such as ``org.node.boundary_changed``. ``old``/``new`` hold the
    changed fields; ``data`` anything else worth keeping (reasons, ids of related objects).
    """
    if not connection.in_atomic_block:
        raise RuntimeError(f"log_action({action!r}) must run inside the service's transaction")
    entry = audit_entry(action, actor=actor, obj=obj, old=old, new=new, data=data)
    entry.save()
    published(entry, obj)
    return entry


def audit_entry(
    action: str,
    *,
    actor=None,
    obj: Model | None = None,
    old: dict | None = None,
    new: dict | None = None,
    data: dict | None = None,
) -> AuditEntry:
    """The entry ``log_action`` writes, not yet saved: for a service that inserts it together
    with its other rows in one statement and then calls :func:`published`."""
    payload = dict(data or {})
    if old is not None:
        payload["old"] = old
    if new is not None:
        payload["new"] = new
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=_plain(payload),
        request_id=current_request_id(),
    )


def published(entry: AuditEntry, obj: Model | None) -> None:
    """Hand a just-written entry to the parts that react to it (inside the same transaction)."""
    events.publish(entry, obj)
