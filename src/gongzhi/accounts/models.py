"""Sign-in records: residents' phone numbers and one-time codes, and consent to the notice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PhoneCode(models.Model):
    """A one-time sign-in code sent to a phone number. Only keyed hashes of the number and of
    the code are stored: a copy of the table reveals neither."""

    phone_digest = models.CharField(_("phone number (hash)"), max_length=64)
    code_digest = models.CharField(_("code (hash)"), max_length=64)
    created_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used or voided at"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)

    class Meta:
        verbose_name = _("sign-in code")
        verbose_name_plural = _("sign-in codes")
        indexes = [models.Index(fields=["phone_digest", "created_at"])]

    def __str__(self):
        return f"{self.phone_digest[:8]}… {self.created_at:%Y-%m-%d %H:%M}"


class ResidentAccount(models.Model):
    """A resident's login: the phone number they sign in with, and their building if they said.

    The name they chose is the user's ``first_name`` (shown wherever the person appears)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resident_account",
        verbose_name=_("login"),
    )
    phone_digest = models.CharField(_("phone number (hash)"), max_length=64, unique=True)
    phone = models.CharField(_("phone"), max_length=20)
    building = models.ForeignKey(
        "org.Node",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("building"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("resident account")
        verbose_name_plural = _("resident accounts")

    def __str__(self):
        from gongzhi.core.masking import mask_phone

        return mask_phone(self.phone)


class PrivacyConsent(models.Model):
    """A user accepted a version of the privacy notice (one row per version accepted)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="privacy_consents",
        verbose_name=_("login"),
    )
    version = models.CharField(_("notice version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="consent_once_per_version")
        ]

    def __str__(self):
        return f"{self.user_id} {self.version}"
