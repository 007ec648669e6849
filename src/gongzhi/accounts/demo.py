"""Demo second factor: the demo's staff logins that need one share a known authenticator key.

A real deployment enforces the second factor in every mode, the demo included, so that what
people try is what they will run. The demo's key is printed with the logins; add it to any
authenticator app, or run ``gongzhi demo_totp`` for the current code.
"""

from __future__ import annotations

import base64

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongzhi.accounts.second_factor import needs_second_factor

# Public on purpose: it belongs to the demo's made-up logins only.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # hex of "12345678901234567890"


def demo_totp_secret() -> str:
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def demo_totp_code() -> str:
    device = TOTPDevice(key=DEMO_TOTP_KEY)
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def build_demo_second_factor(run) -> None:
    usernames = [login.username for login in run.logins]
    users = get_user_model().objects.filter(username__in=usernames)
    made = 0
    for user in users:
        if not needs_second_factor(user):
            continue
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            continue
        TOTPDevice.objects.create(
            user=user, name=_("demo authenticator"), key=DEMO_TOTP_KEY, confirmed=True
        )
        made += 1
    run.count(str(_("demo authenticators")), made)
    run.extra.setdefault("notes", []).append(
        _(
            "Staff logins that can see personal data also ask for a second factor. In the demo "
            "they share one authenticator key: %(secret)s (add it to an authenticator app, or "
            "run `gongzhi demo_totp` for the current code)."
        )
        % {"secret": demo_totp_secret()}
    )
    run.extra["notes"].append(
        _(
            "Residents sign in with any mobile number at /accounts/phone/: in development the "
            "code is printed in this console instead of being sent by SMS."
        )
    )
