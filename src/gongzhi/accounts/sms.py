"""Sending sign-in codes by SMS through a backend chosen by ``GONGZHI_SMS_BACKEND``.

- ``ConsoleSmsBackend`` (development): writes the message to the console (standard error).
- ``MemorySmsBackend`` (tests): keeps messages in ``MemorySmsBackend.outbox``.
- ``HttpGatewaySmsBackend`` (production): POSTs JSON to ``GONGZHI_SMS_GATEWAY_URL``; a small
  gateway service (or a vendor adapter subclass) turns it into the operator's API call.

A vendor (Aliyun SMS, Tencent Cloud SMS) is added by subclassing ``SmsBackend`` and
implementing ``send_code``; docs/accounts.md shows how.
"""

from __future__ import annotations

import json
import sys
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from gongzhi.core.masking import mask_phone


class SmsSendFailed(Exception):
    """The gateway did not accept the message."""


class SmsBackend:
    """Send one sign-in code. Raise ``SmsSendFailed`` when the message was not accepted."""

    def send_code(self, *, phone: str, code: str, minutes: int) -> None:
        raise NotImplementedError

    @staticmethod
    def message(code: str, minutes: int) -> str:
        return _(
            "Your sign-in code is %(code)s, valid for %(minutes)d minutes. Do not share it."
        ) % {"code": code, "minutes": minutes}


class ConsoleSmsBackend(SmsBackend):
    def send_code(self, *, phone, code, minutes):
        sys.stderr.write(f"[SMS → {mask_phone(phone)}] {self.message(code, minutes)}\n")
        sys.stderr.flush()


class MemorySmsBackend(SmsBackend):
    outbox: list[dict] = []

    def send_code(self, *, phone, code, minutes):
        self.outbox.append({"phone": phone, "code": code, "text": self.message(code, minutes)})


class HttpGatewaySmsBackend(SmsBackend):
    """POST ``{"phone", "code", "minutes", "text"}`` as JSON with a bearer token."""

    timeout = 5

    def send_code(self, *, phone, code, minutes):
        url = settings.GONGZHI_SMS_GATEWAY_URL
        if not url:
            raise SmsSendFailed("GONGZHI_SMS_GATEWAY_URL is not set")
        body = json.dumps(
            {"phone": phone, "code": code, "minutes": minutes, "text": self.message(code, minutes)},
            ensure_ascii=False,
        ).encode()
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {settings.GONGZHI_SMS_GATEWAY_TOKEN}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if not 200 <= response.status < 300:
                    raise SmsSendFailed(f"HTTP {response.status}")
        except OSError as exc:
            raise SmsSendFailed(str(exc)) from exc


def sms_backend() -> SmsBackend:
    return import_string(settings.GONGZHI_SMS_BACKEND)()
