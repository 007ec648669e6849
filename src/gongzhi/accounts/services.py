"""Resident sign-in by phone code, and recording consent to the privacy notice.

The limits (per number: one code a minute, five an hour; per address: three a minute, twenty an
hour; five wrong codes lock the number for 15 minutes) answer in words a resident understands.
Nothing here looks at whether a number already has an account before the right code is given:
asking for a code does the same work and gives the same answer for every valid number.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from gongzhi.accounts.models import PhoneCode, PrivacyConsent, ResidentAccount
from gongzhi.accounts.phone import normalize_phone, phone_digest
from gongzhi.accounts.sms import SmsSendFailed, sms_backend
from gongzhi.core.audit import log_action
from gongzhi.core.ratelimit import limited

CODE_LENGTH = 6
CODE_MINUTES = 5
MAX_WRONG_CODES = 5
LOCK_MINUTES = 15


class SignInRefused(Exception):
    """A request the limits or the code's state refuse; ``str()`` is the message to show."""


def _code_digest(phone: str, code: str) -> str:
    return salted_hmac("gongzhi.accounts.code", f"{phone}:{code}", algorithm="sha256").hexdigest()


def _lock_key(digest: str) -> str:
    return f"gongzhi.signin.locked:{digest}"


def _locked_message() -> str:
    return _(
        "Too many wrong codes for this number. For your safety it is locked for %(n)d minutes; "
        "please try again later."
    ) % {"n": LOCK_MINUTES}


def code_request(*, phone: str, request) -> str:
    """Send a fresh code to ``phone`` (voiding older ones); returns the normalised number."""
    phone = normalize_phone(phone)
    digest = phone_digest(phone)
    if cache.get(_lock_key(digest)):
        raise SignInRefused(_locked_message())
    over = [
        limited(request, "code_send_phone_minute", f"phone:{digest}"),
        limited(request, "code_send_phone_hour", f"phone:{digest}"),
        limited(request, "code_send_ip_minute"),
        limited(request, "code_send_ip_hour"),
    ]
    if over[0] or over[2]:
        raise SignInRefused(_("A code was sent less than a minute ago. Please wait a minute."))
    if any(over):
        raise SignInRefused(
            _("Too many codes were asked for in the last hour. Please try again later.")
        )
    code = f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"
    now = timezone.now()
    with transaction.atomic():
        PhoneCode.objects.filter(phone_digest=digest, used_at__isnull=True).update(used_at=now)
        PhoneCode.objects.create(
            phone_digest=digest,
            code_digest=_code_digest(phone, code),
            created_at=now,
            expires_at=now + timedelta(minutes=CODE_MINUTES),
        )
    try:
        sms_backend().send_code(phone=phone, code=code, minutes=CODE_MINUTES)
    except SmsSendFailed as exc:
        raise SignInRefused(
            _("The text message could not be sent just now. Please try again in a minute.")
        ) from exc
    return phone


def code_verify(*, phone: str, code: str, request):
    """The user for ``phone`` when ``code`` is its current code; creates the resident account
    on the first sign-in. Returns ``(user, created)``."""
    phone = normalize_phone(phone)
    code = "".join(str(code or "").split())
    if len(code) != CODE_LENGTH or not code.isdigit():
        raise ValidationError({"code": _("Enter the 6-digit code from the text message.")})
    digest = phone_digest(phone)
    if cache.get(_lock_key(digest)):
        raise SignInRefused(_locked_message())
    if limited(request, "code_verify_ip"):
        raise SignInRefused(_("Too many tries from here. Please wait a little and try again."))
    now = timezone.now()
    with transaction.atomic():
        row = (
            PhoneCode.objects.select_for_update()
            .filter(phone_digest=digest, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is None:
            outcome = "expired"
        elif constant_time_compare(row.code_digest, _code_digest(phone, code)):
            row.used_at = now
            row.save(update_fields=["used_at"])
            user, created = _account_for(phone, digest)
            return user, created
        else:
            row.failed_attempts += 1
            fields = ["failed_attempts"]
            outcome = "wrong"
            if row.failed_attempts >= MAX_WRONG_CODES:
                row.used_at = now
                fields.append("used_at")
                outcome = "locked"
            row.save(update_fields=fields)
    if outcome == "locked":
        cache.set(_lock_key(digest), 1, LOCK_MINUTES * 60)
        raise SignInRefused(_locked_message())
    if outcome == "wrong":
        left = MAX_WRONG_CODES - row.failed_attempts
        raise SignInRefused(
            _("The code is not right. %(n)d tries left before the number is locked.") % {"n": left}
        )
    raise SignInRefused(_("This code has expired or was already used. Ask for a new code."))


def _account_for(phone: str, digest: str):
    account = ResidentAccount.objects.select_related("user").filter(phone_digest=digest).first()
    if account is not None:
        return account.user, False
    user = get_user_model().objects.create_user(username=f"r-{digest[:24]}")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    account = ResidentAccount.objects.create(user=user, phone_digest=digest, phone=phone)
    log_action("accounts.resident.created", actor=user, obj=account, data={})
    return user, True


def resident_onboard(*, user, display_name: str, building=None, notice_version: str):
    """Record the name and building a new resident gave and their consent to the notice."""
    display_name = " ".join(str(display_name or "").split())[:30]
    if not display_name:
        raise ValidationError({"display_name": _("Tell us what to call you.")})
    if building is not None and building.level != "building":
        raise ValidationError({"building": _("Choose a building.")})
    with transaction.atomic():
        user.first_name = display_name
        user.save(update_fields=["first_name"])
        account = ResidentAccount.objects.select_for_update().filter(user=user).first()
        if account is not None:
            account.building = building
            account.save(update_fields=["building"])
        consent_record(user=user, version=notice_version)
    return user


def consent_record(*, user, version: str) -> PrivacyConsent:
    """The user accepted ``version`` of the privacy notice (once per version)."""
    with transaction.atomic():
        consent, created = PrivacyConsent.objects.get_or_create(user=user, version=version)
        if created:
            log_action(
                "accounts.privacy.accepted", actor=user, obj=consent, data={"version": version}
            )
    return consent


def has_current_consent(user, version: str) -> bool:
    return PrivacyConsent.objects.filter(user=user, version=version).exists()
