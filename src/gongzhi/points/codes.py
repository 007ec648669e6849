"""Redemption codes (核销码): short, random, unguessable, easy to read aloud, shown as QR too."""

from __future__ import annotations

import secrets

import segno

# No 0/O, 1/I/L: nothing a clerk could mishear or misread. 31^8 ≈ 8.5 × 10^11 codes.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """What a clerk typed → the stored form: upper case, no spaces or dashes.

    Letters that cannot occur (O, I, L) stay wrong on purpose, turned into digits that cannot
    occur either, so that a misheard code finds nothing instead of someone else's order.
    """
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)[: LENGTH * 2]


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def qr_svg(data: str) -> str:
    """An inline SVG QR code for ``data`` (scaled by CSS)."""
    return segno.make(data, error="m").svg_inline(scale=6, border=2, omitsize=True)
