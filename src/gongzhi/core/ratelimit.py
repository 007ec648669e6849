"""Rate limits for forms and anonymous endpoints, counted in the default cache.

One call, ``limited(request, scope, key)``, counts one request against the rate configured for
``scope`` in ``GONGZHI_RATE_LIMITS`` and says whether it is over. Counting is django-ratelimit's
(fixed windows in the cache): with the local-memory cache each process counts alone, with
REDIS_URL every process shares the count. ``key`` defaults to the client address
(``gongzhi.core.clientip``); pass an account or phone number to limit by that instead.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from gongzhi.core.clientip import client_ip

DEFAULT_RATE = "20/h"


def rate_for(scope: str) -> str:
    return getattr(settings, "GONGZHI_RATE_LIMITS", {}).get(scope, DEFAULT_RATE)


def limited(request, scope: str, key: str | None = None, *, increment: bool = True) -> bool:
    """Count this request for ``scope`` (by ``key``, or by client address) and say if it is over."""
    value = client_ip(request) if key is None else hashlib.sha256(key.encode()).hexdigest()
    usage = get_usage(
        request,
        group=f"gongzhi.{scope}",
        key=lambda _group, _request: value,
        rate=rate_for(scope),
        method=ALL,
        increment=increment,
    )
    return bool(usage and usage["should_limit"])


def limited_by_ip_and_account(request, scope: str) -> bool:
    """Count against the address, and also against the signed-in account when there is one
    (``<scope>`` for both; an account's count is kept apart from its address's)."""
    over = limited(request, scope)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        over = limited(request, scope, f"user:{user.pk}") or over
    return over


def too_many_requests(request, *, partial: bool = False):
    """The answer to a request over its limit: 429 with a page (or a fragment for htmx)."""
    from django.shortcuts import render

    template = "core/partials/rate_limited.html" if partial else "core/rate_limited.html"
    response = render(request, template, status=429)
    response["Retry-After"] = "60"
    return response
