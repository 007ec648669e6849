"""Delivery through Django's task framework (django-tasks), with a sweep as the safety net."""

from __future__ import annotations

from django_tasks import default_task_backend, task

from gongzhi.api.models import WebhookDelivery
from gongzhi.api.models.webhooks import DeliveryState
from gongzhi.api.webhooks.delivery import deliver, due_deliveries


@task()
def deliver_webhook(delivery_id: str) -> str:
    state = deliver(delivery_id)
    if state == DeliveryState.RETRYING:
        _schedule_retry(delivery_id)
    return state


def _schedule_retry(delivery_id: str) -> None:
    """Enqueue the next attempt at its time where the backend can defer; else the sweep will."""
    if not default_task_backend.supports_defer:
        return
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery and delivery.next_attempt_at:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery_id)


def enqueue_delivery(delivery_id: str) -> None:
    deliver_webhook.enqueue(delivery_id)


def sweep() -> int:
    """Deliver everything that is due now (run by `gongzhi deliver_webhooks` from cron)."""
    count = 0
    for delivery_id in list(due_deliveries().values_list("pk", flat=True)[:500]):
        deliver(delivery_id)
        count += 1
    return count
