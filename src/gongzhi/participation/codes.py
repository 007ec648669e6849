"""Council attendance codes: a signed QR token and a short code typed in by hand.

The QR code carries ``signing.dumps(council id)`` under its own salt (the volunteering
personal-code approach), so it cannot be forged for another council; the short code is a
random six-character code unique among councils, for attendees who cannot scan.
"""

from __future__ import annotations

import secrets

import segno
from django.core import signing

SALT = "gongzhi.participation.council-attendance"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a meeting room
SHORT_LENGTH = 6


def new_short_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(SHORT_LENGTH))


def normalise_short_code(value) -> str:
    return "".join(str(value or "").split()).upper()[:16]


def qr_token(council_id: int) -> str:
    return signing.dumps(council_id, salt=SALT)


def read_qr_token(token: str) -> int | None:
    try:
        value = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value


def qr_svg(data: str, *, scale: int = 5) -> str:
    """A QR code as inline SVG (no script, no image request)."""
    return segno.make(data, error="m").svg_inline(
        scale=scale, dark="#000", light="#fff", omitsize=True
    )
