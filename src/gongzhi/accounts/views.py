"""Sign-in pages: staff password (rate-limited, lockout by django-axes), resident phone code,
first-visit details and consent, and the staff second factor (set-up, check, recovery codes)."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongzhi.accounts.forms import CodeForm, PhoneForm, TokenForm, WelcomeForm
from gongzhi.accounts.models import ResidentAccount
from gongzhi.accounts.second_factor import has_authenticator, new_recovery_codes
from gongzhi.accounts.services import (
    SignInRefused,
    code_request,
    code_verify,
    has_current_consent,
    resident_onboard,
)
from gongzhi.core.context_processors import site
from gongzhi.core.masking import mask_phone
from gongzhi.core.ratelimit import limited

SESSION_PHONE = "gongzhi.signin.phone"
PASSWORD_BACKEND = "gongzhi.accounts.backends.PersonModelBackend"


def _next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    from django.urls import reverse

    return reverse(default)


def _put_errors(form, exc: ValidationError):
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class LoginView(auth_views.LoginView):
    """Staff sign in with a password. Limited per address and per login; django-axes locks a
    login on one address after repeated failures."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(site(self.request))
        return context

    def post(self, request, *args, **kwargs):
        account = request.POST.get("username", "").strip().lower()[:150]
        over_ip = limited(request, "login_ip")
        over_account = limited(request, "login_account", f"login:{account}")
        if over_ip or over_account:
            form = self.get_form()
            form.errors.clear()
            return self.render_to_response(
                self.get_context_data(form=form, refused=_rate_message()), status=429
            )
        return super().post(request, *args, **kwargs)


def _rate_message() -> str:
    return _("Too many sign-in attempts in a short time. Please wait a while and try again.")


def locked_out(request, response, credentials):
    """django-axes: the answer once a login is locked on this address."""
    from django.contrib.auth.forms import AuthenticationForm

    minutes = int(float(settings.AXES_COOLOFF_TIME) * 60)
    message = _(
        "This account has had too many failed sign-in attempts and is locked for %(n)d "
        "minutes. Please try again later, or ask your administrator."
    ) % {"n": minutes}
    context = {"form": AuthenticationForm(request), "refused": message, **site(request)}
    return render(request, "registration/login.html", context, status=429)


@require_http_methods(["GET", "POST"])
def phone_start(request):
    """A resident types their number and gets a code (same answer for every valid number)."""
    form = PhoneForm(request.POST or None)
    refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            phone = code_request(phone=form.cleaned_data["phone"], request=request)
        except ValidationError as exc:
            _put_errors(form, exc)
        except SignInRefused as exc:
            refused = str(exc)
        else:
            request.session[SESSION_PHONE] = phone
            response = redirect("accounts:phone_verify")
            nxt = request.POST.get("next", "")
            if nxt:
                response["Location"] += "?" + urlencode({"next": nxt})
            return response
    status = 429 if refused else (400 if form.errors else 200)
    return render(
        request,
        "accounts/phone_start.html",
        {"form": form, "refused": refused, "next": request.GET.get("next", "")},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def phone_verify(request):
    """The resident types the code; the first right code creates their account."""
    phone = request.session.get(SESSION_PHONE)
    if not phone:
        return redirect("accounts:phone")
    form = CodeForm(request.POST or None)
    refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            user, created = code_verify(
                phone=phone, code=form.cleaned_data["code"], request=request
            )
        except ValidationError as exc:
            _put_errors(form, exc)
        except SignInRefused as exc:
            refused = str(exc)
        else:
            request.session.pop(SESSION_PHONE, None)
            login(request, user, backend=PASSWORD_BACKEND)
            return redirect(_next(request, "report:mine"))
    status = 400 if (refused or form.errors) else 200
    return render(
        request,
        "accounts/phone_verify.html",
        {
            "form": form,
            "refused": refused,
            "masked_phone": mask_phone(phone),
            "next": request.GET.get("next", ""),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def welcome(request):
    """First visit (or a new notice version): a name, the building (optional), consent."""
    account = ResidentAccount.objects.filter(user=request.user).first()
    if account is None:
        return redirect("home")
    version = settings.GONGZHI_PRIVACY_NOTICE_VERSION
    initial = {"display_name": request.user.first_name, "building": account.building_id}
    form = WelcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            resident_onboard(
                user=request.user,
                display_name=form.cleaned_data["display_name"],
                building=form.cleaned_data["building"],
                notice_version=version,
            )
        except ValidationError as exc:
            _put_errors(form, exc)
        else:
            return redirect(_next(request, "report:mine"))
    return render(
        request,
        "accounts/welcome.html",
        {
            "form": form,
            "version": version,
            "renewal": bool(request.user.first_name)
            and not has_current_consent(request.user, version),
            "next": request.GET.get("next", ""),
        },
        status=400 if form.errors else 200,
    )


def privacy(request):
    return render(
        request, "accounts/privacy.html", {"version": settings.GONGZHI_PRIVACY_NOTICE_VERSION}
    )


def _qr_data_uri(text: str) -> str:
    return segno.make(text, error="m").svg_data_uri(scale=4, border=2)


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request):
    """Enrol an authenticator: scan the QR code (or type the key), confirm with one code."""
    user = request.user
    if has_authenticator(user) and not user.is_verified():
        return redirect("accounts:verify")
    if has_authenticator(user):
        return render(request, "accounts/totp_done.html", {"codes": None})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("authenticator"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if limited(request, "second_factor", f"user:{user.pk}"):
            form.add_error("token", _rate_message())
        elif device.verify_token("".join(form.cleaned_data["token"].split())):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = new_recovery_codes(user)
            otp_login(request, device)
            return render(
                request, "accounts/totp_done.html", {"codes": codes, "next": _next(request)}
            )
        else:
            form.add_error("token", _("The code is not right. Check the time on your phone."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/totp_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr": _qr_data_uri(device.config_url),
            "next": request.GET.get("next", ""),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of a staff sign-in: an authenticator code or a recovery code."""
    user = request.user
    if not has_authenticator(user):
        return redirect("accounts:totp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["token"].split()).lower()
        if limited(request, "second_factor", f"user:{user.pk}"):
            form.add_error("token", _rate_message())
        else:
            device = match_token(user, token)
            if device is not None:
                otp_login(request, device)
                return redirect(_next(request))
            form.add_error("token", _("The code is not right. Check the time on your phone."))
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["POST"])
def recovery_codes(request):
    """New recovery codes (the old ones stop working); only after passing the second factor."""
    if not request.user.is_verified():
        return redirect("accounts:verify")
    codes = new_recovery_codes(request.user)
    return render(request, "accounts/totp_done.html", {"codes": codes, "next": _next(request)})
