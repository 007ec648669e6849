"""A user's notifications."""

from gongzhi.cases.models import Notification


def notifications_for(user, *, unread_only: bool = False, limit: int = 50):
    """The user's latest notifications with their cases (one query)."""
    qs = Notification.objects.filter(user=user).select_related("case")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")[:limit]


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
