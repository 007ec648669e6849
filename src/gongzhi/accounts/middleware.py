"""The sign-in gate: the one place that enforces what a signed-in user must do first.

- Staff whose roles need a second factor (``second_factor.needs_second_factor``) reach nothing
  but the sign-in pages until they have set up and passed their authenticator.
- A resident who signed in by phone reaches nothing until they have given a name and accepted
  the current version of the privacy notice.

Pages answer with a redirect; the API answers 403 in JSON.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/media/")
API_PREFIXES = ("/api/", "/open311/")


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        path = request.path_info
        if user is None or not user.is_authenticated or path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        target = self._required_step(request, user)
        if target is None:
            return self.get_response(request)
        if path.startswith(API_PREFIXES):
            return JsonResponse({"detail": _("Sign in with your second factor first.")}, status=403)
        nxt = request.get_full_path()
        if url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
            target = f"{target}?next={nxt}"
        return redirect(target)

    def _required_step(self, request, user) -> str | None:
        from gongzhi.accounts.models import ResidentAccount
        from gongzhi.accounts.second_factor import has_authenticator, needs_second_factor
        from gongzhi.accounts.services import has_current_consent
        from gongzhi.org.access import user_scope

        if (
            getattr(settings, "GONGZHI_REQUIRE_SECOND_FACTOR", True)
            and not user.is_verified()
            and needs_second_factor(user)
        ):
            return reverse("accounts:verify" if has_authenticator(user) else "accounts:totp_setup")
        if user_scope(user).grants:
            # Role holders are staff accounts (made by staff, never by phone sign-in); their
            # grants are read for this request anyway, so this spares every staff page a query.
            return None
        if ResidentAccount.objects.filter(user=user).exists() and (
            not user.first_name
            or not has_current_consent(user, settings.GONGZHI_PRIVACY_NOTICE_VERSION)
        ):
            return reverse("accounts:welcome")
        return None
