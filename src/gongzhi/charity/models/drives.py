"""Donation drives, the kinds of goods they collect and their goals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.charity.choices import PUBLIC_DRIVE_STATES, DriveState
from gongzhi.org.access import ScopedQuerySet


class ItemKind(models.Model):
    """A kind of goods in kind counted in whole units: 笔记本 (本), 书包 (个), 文具 (套)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    unit = models.CharField(_("unit"), max_length=10, default="件")

    class Meta:
        verbose_name = _("item kind")
        verbose_name_plural = _("item kinds")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DriveQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(state__in=PUBLIC_DRIVE_STATES)


class Drive(models.Model):
    """A donation drive (募捐活动): who organises it, for whom, when and where, and its goals.

    A cash goal is recorded only: the platform notes cash that others received and their
    receipt numbers; it never takes a payment.
    """

    title = models.CharField(_("title"), max_length=120)
    organisation = models.ForeignKey(
        "charity.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drives",
        verbose_name=_("organising organisation"),
    )
    node = models.ForeignKey(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="charity_drives",
        verbose_name=_("organising community"),
    )
    purpose = models.TextField(_("purpose"), max_length=4000)
    beneficiary_description = models.TextField(_("beneficiaries"), max_length=2000, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    cash_goal = models.DecimalField(
        _("cash goal (recorded only)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=12, choices=DriveState.choices, default=DriveState.DRAFT
    )
    report = models.TextField(_("closing report"), max_length=8000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DriveQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "charity.view"

    class Meta:
        verbose_name = _("donation drive")
        verbose_name_plural = _("donation drives")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="charity_drive_dates_order"
            ),
            models.CheckConstraint(
                condition=Q(cash_goal__isnull=True) | Q(cash_goal__gt=0),
                name="charity_drive_cash_goal_positive",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("charity:drive_public", args=[self.pk])

    @staticmethod
    def extra_visibility(user, scope):
        """The staff of the organising organisation see its drives (a subquery, so that no
        row is repeated per staff member)."""
        from gongzhi.charity.models.organisations import staff_organisations

        return Q(organisation_id__in=staff_organisations(user))


class DriveGoal(models.Model):
    """How many of one kind of goods a drive hopes to collect."""

    drive = models.ForeignKey(Drive, on_delete=models.CASCADE, related_name="goals")
    item_kind = models.ForeignKey(
        ItemKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("item kind")
    )
    quantity = models.PositiveIntegerField(_("goal"))

    class Meta:
        verbose_name = _("drive goal")
        verbose_name_plural = _("drive goals")
        ordering = ["drive", "id"]
        constraints = [
            models.UniqueConstraint(fields=["drive", "item_kind"], name="charity_goal_unique"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="charity_goal_positive"),
        ]

    def __str__(self):
        return f"{self.item_kind} × {self.quantity}"
