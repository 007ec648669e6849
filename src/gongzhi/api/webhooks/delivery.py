"""Sending one webhook delivery, with retries, backoff and pausing of failing subscriptions."""

from __future__ import annotations

import json
import time
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.api.models import WebhookDelivery, WebhookSubscription
from gongzhi.api.models.webhooks import DeliveryState
from gongzhi.api.webhooks import targets
from gongzhi.api.webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from gongzhi.core.audit import log_action

TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 8
PAUSE_AFTER_FAILURES = 5
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min… capped at 6 h."""
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def _post(url: str, body: bytes, headers: dict) -> int:
    # The target is checked again here, on the address actually connected to (targets.py).
    return targets.post(url, body, headers, timeout=TIMEOUT_SECONDS)


def deliver(delivery_id) -> str:
    """Try to send one delivery now; return its new state. Safe to call twice."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("subscription")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.state in (DeliveryState.DELIVERED, DeliveryState.FAILED):
            return delivery.state if delivery else "missing"
        subscription = delivery.subscription
        if not subscription.is_active:
            return delivery.state
        delivery.attempts += 1
        delivery.save(update_fields=["attempts"])
    body = json.dumps(
        {"id": str(delivery.pk), **delivery.payload}, ensure_ascii=False, sort_keys=True
    ).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "gongzhi-webhooks/1",
        "X-Gongzhi-Event": delivery.event,
        "X-Gongzhi-Delivery": str(delivery.pk),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(subscription.secret, timestamp, body),
    }
    status, error = None, ""
    try:
        status = _post(subscription.url, body, headers)
    except (OSError, ValueError) as exc:
        error = str(exc)[:300]
    return _record(delivery.pk, status, error)


def _record(delivery_id, status: int | None, error: str) -> str:
    ok = status is not None and 200 <= status < 300
    now = timezone.now()
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        subscription = WebhookSubscription.objects.select_for_update().get(
            pk=delivery.subscription_id
        )
        delivery.last_status_code = status
        delivery.last_error = error or ("" if ok else f"HTTP {status}")
        if ok:
            delivery.state = DeliveryState.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            subscription.consecutive_failures = 0
        else:
            subscription.consecutive_failures += 1
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.state = DeliveryState.FAILED
                delivery.next_attempt_at = None
            else:
                delivery.state = DeliveryState.RETRYING
                delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save(
            update_fields=[
                "state",
                "delivered_at",
                "next_attempt_at",
                "last_status_code",
                "last_error",
            ]
        )
        subscription.save(update_fields=["consecutive_failures"])
        if (
            not ok
            and subscription.is_active
            and subscription.consecutive_failures >= PAUSE_AFTER_FAILURES
        ):
            _pause(subscription, delivery.last_error)
    return delivery.state


def _pause(subscription: WebhookSubscription, last_error: str) -> None:
    subscription.is_active = False
    subscription.paused_at = timezone.now()
    subscription.pause_reason = _("%(n)d deliveries in a row failed; last error: %(error)s") % {
        "n": subscription.consecutive_failures,
        "error": last_error,
    }
    subscription.save(update_fields=["is_active", "paused_at", "pause_reason"])
    log_action(
        "api.webhook.paused",
        obj=subscription,
        data={"reason": subscription.pause_reason, "failures": subscription.consecutive_failures},
    )
    creator = subscription.created_by
    if creator is not None and creator.email:
        message = _("The webhook %(name)s has been paused: %(reason)s") % {
            "name": subscription.name,
            "reason": subscription.pause_reason,
        }
        transaction.on_commit(
            lambda: send_mail(
                _("Webhook paused"), message, None, [creator.email], fail_silently=True
            )
        )


def due_deliveries(now=None):
    """Deliveries waiting to be (re)tried: the safety net behind the task queue."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        subscription__is_active=True,
        state__in=[DeliveryState.PENDING, DeliveryState.RETRYING],
    ).order_by("created_at")
