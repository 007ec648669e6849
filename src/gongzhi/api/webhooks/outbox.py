"""Turning audit entries into webhook deliveries, inside the transaction that made them."""

from __future__ import annotations

from django.db import transaction

from gongzhi.api.models import WebhookDelivery, WebhookSubscription
from gongzhi.core import hotcache
from gongzhi.org.models import Node

_subscriptions = hotcache.Memo("api.webhook_subscriptions")
hotcache.watch(WebhookSubscription)

# Builders of an event's object description, by model label ("cases.case" → callable(obj)).
payload_builders: dict = {}


def _node_path(obj) -> str | None:
    """Where the event happened: the object itself when it is a node, else its node, else the
    node its model is scoped by (``scope_node_field``, e.g. an order's ``goods__community``)."""
    if isinstance(obj, Node):
        return obj.path
    node = getattr(obj, "node", None)
    if node is None and obj is not None:
        field = getattr(type(obj), "scope_node_field", "")
        node = obj if field else None
        for name in field.split("__") if field else ():
            node = getattr(node, name, None)
            if node is None:
                break
    return node.path if isinstance(node, Node) else None


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


def _active_subscriptions() -> list:
    return list(WebhookSubscription.objects.filter(is_active=True).select_related("node"))


def matching_subscriptions(entry, obj):
    """Active subscriptions whose events, node subtree and party match this entry.

    The active subscriptions are cached per process (``gongzhi.core.hotcache``), so that an
    audit entry costs no query here unless a subscription matches: a change to a subscription
    takes effect at once in the process that made it, within ``GONGZHI_CACHE_SECONDS`` in
    the others."""
    subscriptions = _subscriptions.get(None, _active_subscriptions)
    if not subscriptions:
        return []  # most deployments most of the time: no need to find the object's node
    path = _node_path(obj)
    if path is None:
        return []
    parties = _party_ids(obj)
    return [
        s
        for s in subscriptions
        if path.startswith(s.node.path)
        and (s.party_id is None or s.party_id in parties)
        and any(entry.action.startswith(p) for p in s.events)
    ]


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
