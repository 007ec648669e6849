"""Where webhooks may be sent: public addresses only, checked when a subscription is saved and
again at every connection, against the address actually connected to.

A URL whose host resolves to loopback, a private range, link-local (which holds the cloud
metadata address 169.254.169.254), carrier-grade NAT, multicast, reserved or unspecified space
is refused, so that subscriptions cannot be used to probe the platform's own network. The
connection is made to the checked address itself (with the URL's host name in the ``Host``
header and for TLS), so a DNS answer that changes between the check and the connection cannot
slip through. ``GONGZHI_WEBHOOK_ALLOW_PRIVATE=1`` lifts the rule for deployments whose
receivers live inside their own network.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

# Cloud metadata endpoints outside link-local space (Alibaba Cloud uses 100.100.100.200).
METADATA_ADDRESSES = {
    ipaddress.ip_address("100.100.100.200"),
    ipaddress.ip_address("fd00:ec2::254"),
}


class TargetRefused(ValueError):
    """The webhook target is not a public address (or cannot be resolved)."""


def _allow_private() -> bool:
    return bool(getattr(settings, "GONGZHI_WEBHOOK_ALLOW_PRIVATE", False))


def is_public_address(address) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return False
    return ip.is_global and not ip.is_multicast


def resolve_checked(host: str, port: int) -> list[tuple]:
    """The addresses ``host`` resolves to, each allowed; ``TargetRefused`` otherwise."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TargetRefused(_("The host name cannot be resolved.")) from exc
    if not infos:
        raise TargetRefused(_("The host name cannot be resolved."))
    if not _allow_private():
        for info in infos:
            if not is_public_address(info[4][0]):
                raise TargetRefused(
                    _(
                        "The URL points at a private, loopback, link-local or metadata "
                        "address; webhooks go to public addresses only."
                    )
                )
    return infos


def check_url(url: str) -> None:
    """Refuse a URL that is not http(s) or whose host is not a public address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise TargetRefused(_("The URL must start with http:// or https:// and name a host."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise TargetRefused(_("The URL's port is not valid.")) from exc
    resolve_checked(parts.hostname, port)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address checked just now, whatever the host name resolves to later."""

    def connect(self):
        self.sock = _connect_checked(self.host, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        sock = _connect_checked(self.host, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _connect_checked(host, port, timeout):
    last_error: OSError | None = None
    for family, kind, proto, _name, address in resolve_checked(host, port):
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(address)
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
    raise last_error or OSError("no address to connect to")


def post(url: str, body: bytes, headers: dict, *, timeout: float) -> int:
    """POST ``body`` to ``url`` over a checked connection; the HTTP status (no redirects)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise TargetRefused(_("The URL must start with http:// or https:// and name a host."))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https":
        connection = _PinnedHTTPSConnection(
            parts.hostname, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = _PinnedHTTPConnection(parts.hostname, port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("POST", path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()
