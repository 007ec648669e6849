"""Orders nobody collects do not hold their goods forever."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.points.choices import OrderState
from gongzhi.points.errors import OrderNotOpen
from gongzhi.points.models import Order, PointsPolicy
from gongzhi.points.services.orders import order_cancel

DEFAULT_COLLECT_DAYS = PointsPolicy._meta.get_field("collect_within_days").default


def orders_release_uncollected(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Cancel placed orders older than their community's collection window (the policy's
    ``collect_within_days``, 14 days where no policy is set; 0 keeps them): points back to the
    resident, goods back to the shelf, audited as a cancellation by the system. Safe to run
    again or twice at once: an order is cancelled once."""
    now = now or timezone.now()
    windows = dict(PointsPolicy.objects.values_list("community_id", "collect_within_days"))
    shortest = min([d for d in windows.values() if d] + [DEFAULT_COLLECT_DAYS])
    oldest = now - dt.timedelta(days=shortest)
    candidates = (
        Order.objects.filter(state=OrderState.PLACED, placed_at__lt=oldest)
        .select_related("goods", "person")
        .order_by("placed_at", "id")[:limit]
    )
    released = 0
    for order in candidates:
        days = windows.get(order.goods.community_id, DEFAULT_COLLECT_DAYS)
        if not days or order.placed_at >= now - dt.timedelta(days=days):
            continue
        try:
            order_cancel(
                order=order,
                actor=None,
                reason=_("Not collected within %(days)d days.") % {"days": days},
            )
        except OrderNotOpen:
            continue  # collected or cancelled meanwhile
        released += 1
    return released
