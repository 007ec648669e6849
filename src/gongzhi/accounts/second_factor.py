"""Who must pass a second factor, and the recovery codes that stand in for a lost phone.

Staff whose roles can see personal data (people, households, the audit trail) or administer
(roles, imports, the admin site) must enrol a TOTP authenticator (django-otp) and use it at each
sign-in. The rule is read from the roles table (``org.roles``), so a role that gains such a
permission brings the requirement with it.
"""

from __future__ import annotations

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongzhi.org.models import RoleAssignment
from gongzhi.org.roles import role_grants

PERSONAL_DATA_OR_ADMIN = (
    "org.view_person",
    "org.view_household",
    "org.change_person",
    "org.view_audit",
    "org.manage_roles",
    "org.import",
)
RECOVERY_CODES = 10
RECOVERY_DEVICE = "recovery"


def needs_second_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    return any(role_grants(role, code) for role in roles for code in PERSONAL_DATA_OR_ADMIN)


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with ``RECOVERY_CODES`` fresh single-use ones."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes
