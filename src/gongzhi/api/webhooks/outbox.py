"""Turning audit entries into webhook deliveries, inside the transaction that made them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from gongzhi.api.models import WebhookDelivery, WebhookSubscription
from gongzhi.org.models import Node

# Builders of an event's object description, by model label ("cases.case" → callable(obj)).
payload_builders: dict = {}


def _node_path(obj) -> str | None:
    """Where the event happened: the object's node, or the object itself when it is a node."""
    if isinstance(obj, Node):
        return obj.path
    node = getattr(obj, "node", None)
    return getattr(node, "path", None)


def _party_ids(obj) -> set[int]:
    ids = set()
    for attr in ("party_id", "assigned_party_id"):
        value = getattr(obj, attr, None)
        if value:
            ids.add(value)
    return ids


def _describe(entry, obj) -> dict:
    builder = payload_builders.get(entry.object_type)
    described = {"type": entry.object_type, "id": entry.object_id, "repr": entry.object_repr}
    if builder is not None and obj is not None:
        described.update(builder(obj))
    return described


def matching_subscriptions(entry, obj):
    """Active subscriptions whose events, node subtree and party match this entry."""
    path = _node_path(obj)
    if path is None:
        return []
    prefixes = [path[:i] for i in range(4, len(path) + 1, 4)]
    parties = _party_ids(obj)
    candidates = WebhookSubscription.objects.filter(is_active=True, node__path__in=prefixes).filter(
        Q(party__isnull=True) | Q(party_id__in=parties)
    )
    return [s for s in candidates if any(entry.action.startswith(p) for p in s.events)]


def on_audit_entry(*, entry, obj) -> None:
    """Write one pending delivery per matching subscription; enqueue them after commit."""
    subscriptions = matching_subscriptions(entry, obj)
    if not subscriptions:
        return
    payload = {
        "event": entry.action,
        "occurred_at": entry.created_at.isoformat(),
        "object": _describe(entry, obj),
        "data": entry.data,
    }
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                subscription=s, event=entry.action, audit_entry_id=entry.pk, payload=payload
            )
            for s in subscriptions
        ]
    )
    ids = [str(d.pk) for d in deliveries]

    def enqueue():
        from gongzhi.api.webhooks.tasks import enqueue_delivery

        for delivery_id in ids:
            enqueue_delivery(delivery_id)

    transaction.on_commit(enqueue)
