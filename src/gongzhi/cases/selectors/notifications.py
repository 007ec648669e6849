"""A user's notifications."""

from django.core.cache import cache

from gongzhi.cases.models import Notification

# The unread count is on every signed-in page (the badge in the menu): it is kept in the cache
# and dropped by every write that changes it (``cases.services.notifications``). With Redis
# (``REDIS_URL``) that is at once for every process; with the per-process cache another
# process's badge may lag by up to this many seconds.
UNREAD_SECONDS = 30


def _unread_key(user_id) -> str:
    return f"notifications:unread:{user_id}"


def notifications_for(user, *, unread_only: bool = False, limit: int = 50):
    """The user's latest notifications with their cases (one query)."""
    qs = Notification.objects.filter(user=user).select_related("case")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")[:limit]


def unread_count(user) -> int:
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def forget_unread(user_ids) -> None:
    """Drop the cached unread counts of ``user_ids`` (after their notifications changed)."""
    cache.delete_many([_unread_key(pk) for pk in user_ids])
