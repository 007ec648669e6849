"""Signatures on webhook requests: HMAC-SHA256 over "<timestamp>.<body>".

A receiver recomputes the HMAC with the subscription's secret, compares in constant time, and
rejects timestamps far from its clock (replays).
"""

import hashlib
import hmac

SIGNATURE_HEADER = "X-Gongzhi-Signature"
TIMESTAMP_HEADER = "X-Gongzhi-Timestamp"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: int, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature or "")
