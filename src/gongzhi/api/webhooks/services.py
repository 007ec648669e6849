"""Managing webhook subscriptions."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.api.models import WebhookSubscription
from gongzhi.api.permissions import MANAGE_WEBHOOKS
from gongzhi.core.audit import log_action
from gongzhi.org.access import can


def subscription_create(
    *, name: str, url: str, node, events: list[str], party=None, actor
) -> WebhookSubscription:
    """Subscribe ``url`` to events under ``node``; returns it with a fresh signing secret."""
    if not can(actor, MANAGE_WEBHOOKS, node):
        raise PermissionDenied(_("You may not manage webhooks here."))
    events = [e.strip() for e in events if e and e.strip()]
    if not events:
        raise ValidationError({"events": _("Choose at least one event.")})
    subscription = WebhookSubscription(
        name=name,
        url=url,
        node=node,
        party=party,
        events=events,
        secret=secrets.token_urlsafe(32),
        created_by=actor,
    )
    subscription.full_clean()
    if not url.startswith(("https://", "http://")):
        raise ValidationError({"url": _("The URL must start with http:// or https://.")})
    with transaction.atomic():
        subscription.save()
        log_action(
            "api.webhook.created",
            actor=actor,
            obj=subscription,
            new={"url": url, "node": node.code, "events": events},
        )
    return subscription


def subscription_resume(*, subscription: WebhookSubscription, actor) -> WebhookSubscription:
    """Resume a paused subscription; its waiting deliveries are tried again."""
    if not can(actor, MANAGE_WEBHOOKS, subscription.node):
        raise PermissionDenied(_("You may not manage webhooks here."))
    with transaction.atomic():
        subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
        subscription.is_active = True
        subscription.paused_at = None
        subscription.pause_reason = ""
        subscription.consecutive_failures = 0
        subscription.save(
            update_fields=["is_active", "paused_at", "pause_reason", "consecutive_failures"]
        )
        log_action(
            "api.webhook.resumed", actor=actor, obj=subscription, data={"at": timezone.now()}
        )
    return subscription
