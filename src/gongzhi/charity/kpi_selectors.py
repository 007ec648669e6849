"""Windowed reads for the figures other apps compute over donated goods (the insights app's
KPIs). The node is the drive's (as for access); each function returns a queryset, so that the
same rows serve an aggregate query and the list of records behind a figure.
"""

from __future__ import annotations

from django.db.models import Sum

from gongzhi.charity.choices import DeliveryState, MovementKind
from gongzhi.charity.models import DeliveryItem, Movement


def goods_received(*, path: str, start, end):
    """Received-goods movements of the subtree's drives booked in the window."""
    return Movement.objects.filter(
        drive__node__path__startswith=path,
        kind=MovementKind.RECEIVED,
        created_at__gte=start,
        created_at__lt=end,
    )


def goods_delivered(*, path: str, start, end):
    """Items of the subtree's drives' deliveries that reached delivered in the window."""
    return DeliveryItem.objects.filter(
        delivery__drive__node__path__startswith=path,
        delivery__state=DeliveryState.DONE,
        delivery__done_at__gte=start,
        delivery__done_at__lt=end,
    )


def quantity_aggregates() -> dict:
    return {"quantity": Sum("quantity")}
