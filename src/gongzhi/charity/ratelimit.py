"""A small per-address limit for the anonymous verification form.

The address is the connection's own (``REMOTE_ADDR``), never a forwarded header a client could
forge; the counts live in the default cache (per process, or shared with REDIS_URL).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = 30  # lookups
WINDOW = 600  # seconds


def allow(request, scope: str) -> bool:
    limit = int(getattr(settings, "GONGZHI_CHARITY_VERIFY_LIMIT", DEFAULT_LIMIT))
    key = f"charity:{scope}:{request.META.get('REMOTE_ADDR', '')}"
    added = cache.add(key, 1, WINDOW)
    if added:
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW)
        return True
    return count <= limit
