"""Social organisations and partner units that run or support drives, and their staff."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.charity.choices import OrganisationKind
from gongzhi.org.access import ScopedQuerySet


class Organisation(models.Model):
    """A social organisation (社会组织) or partner unit that runs or supports charity work.

    ``contact_name`` and ``contact_phone`` are protected: staff pages show them, public pages
    never do.
    """

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    node = models.ForeignKey(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="charity_organisations",
        verbose_name=_("serves"),
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        blank=True,
        help_text=_("Unified social credit code or registration number."),
    )
    partner_unit = models.ForeignKey(
        "org.PartnerUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="charity_organisations",
        verbose_name=_("partner unit record"),
    )
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "charity.view"

    class Meta:
        verbose_name = _("charity organisation")
        verbose_name_plural = _("charity organisations")
        ordering = ["node__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["node", "name"], name="charity_organisation_unique")
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def extra_visibility(user, scope):
        return Q(pk__in=staff_organisations(user))


class OrganisationStaff(models.Model):
    """A user on an organisation's staff: the role scoped to the organisation itself."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="charity_staff",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation staff member")
        verbose_name_plural = _("organisation staff")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="charity_organisation_staff_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation}"


def staff_organisations(user):
    """The ids of the organisations ``user`` is on the staff of, as a subquery."""
    return OrganisationStaff.objects.filter(user=user).values("organisation_id")
