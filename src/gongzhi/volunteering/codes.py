"""The two kinds of QR code used for check-in and check-out.

- A volunteer's personal code: a signed token naming the person and the activity. The leader
  scans it with the phone's camera; it opens a page in the leader's browser that checks the
  volunteer in or out. Signed with ``django.core.signing`` under its own salt, so it cannot be
  forged or reused for another activity.
- An activity's rotating code, shown on the leader's phone: an HMAC of the activity, the
  purpose (check-in or check-out) and the current 30-second time step, keyed by a secret
  derived from ``SECRET_KEY``. It is accepted for the current and the previous step only, so a
  photo of it sent to someone at home has expired by the time it is used.
"""

from __future__ import annotations

import base64
import hmac
import math
from datetime import datetime

import segno
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from gongzhi.volunteering.choices import CodePurpose

PERSONAL_SALT = "gongzhi.volunteering.personal-code"
ROTATING_SALT = "gongzhi.volunteering.rotating-code"
STEP_SECONDS = 30
MAC_LENGTH = 16


class CodeRefused(ValueError):
    """A scanned or entered code cannot be used; the message says why, for the user."""


def personal_code(*, activity_id: int, person_id: int) -> str:
    """The token in a volunteer's personal QR code for one activity."""
    return signing.dumps([activity_id, person_id], salt=PERSONAL_SALT)


def read_personal_code(token: str) -> tuple[int, int]:
    """(activity id, person id) from a personal code, or ``CodeRefused``."""
    try:
        value = signing.loads(token, salt=PERSONAL_SALT)
    except signing.BadSignature as exc:
        raise CodeRefused(_("This is not a valid volunteer code.")) from exc
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise CodeRefused(_("This is not a valid volunteer code."))
    return value[0], value[1]


def time_step(at: datetime | None = None) -> int:
    moment = at or timezone.now()
    return math.floor(moment.timestamp() / STEP_SECONDS)


def _mac(activity_id: int, purpose: str, step: int) -> str:
    digest = salted_hmac(ROTATING_SALT, f"{activity_id}.{purpose}.{step}", algorithm="sha256")
    return base64.urlsafe_b64encode(digest.digest()).decode()[:MAC_LENGTH]


def rotating_code(*, activity_id: int, purpose: str, at: datetime | None = None) -> str:
    """The activity's code for ``purpose`` valid during the time step that contains ``at``."""
    step = time_step(at)
    return f"{activity_id}.{purpose}.{step}.{_mac(activity_id, purpose, step)}"


def read_rotating_code(code: str, *, at: datetime | None = None) -> tuple[int, str]:
    """(activity id, purpose) of a rotating code that is genuine and current, else ``CodeRefused``.

    The current and the previous step are accepted, so that a code scanned just before it
    changes still works.
    """
    parts = (code or "").strip().split(".")
    invalid = CodeRefused(_("This is not a valid activity code."))
    if len(parts) != 4 or parts[1] not in CodePurpose.values:
        raise invalid
    try:
        activity_id, step = int(parts[0]), int(parts[2])
    except ValueError as exc:
        raise invalid from exc
    purpose, mac = parts[1], parts[3]
    if not hmac.compare_digest(mac.encode(), _mac(activity_id, purpose, step).encode()):
        raise invalid
    now_step = time_step(at)
    if step > now_step:
        raise invalid
    if step < now_step - 1:
        raise CodeRefused(_("This code has expired. Scan the code on the leader's screen again."))
    return activity_id, purpose


def qr_svg(data: str, *, scale: int = 5) -> str:
    """A QR code as inline SVG (no script, no image request)."""
    return segno.make(data, error="m").svg_inline(
        scale=scale, dark="#000", light="#fff", omitsize=True
    )
