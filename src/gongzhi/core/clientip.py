"""The client's address, one rule for the whole platform (every rate limit and login lockout).

``X-Forwarded-For`` is believed only when the deployment says a proxy sits in front
(``BEHIND_PROXY=1``) and then only as far as its own proxies wrote it: with
``GONGZHI_PROXY_COUNT`` proxies, each appending the address it saw, the client is the entry that
many places from the right. Whatever a client writes further left is ignored, so a forged header
cannot lift a limit. Without a proxy the header is ignored and ``REMOTE_ADDR`` is the client.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    proxies = getattr(settings, "GONGZHI_PROXY_COUNT", 0) if settings.BEHIND_PROXY else 0
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    # Fewer entries than proxies: the first proxy saw the client directly.
    return _valid(hops[-min(proxies, len(hops))]) or remote
