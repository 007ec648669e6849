"""Pledges of goods or recorded cash, and the donor acknowledgements issued for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.charity.choices import PledgeState
from gongzhi.org.access import ScopedQuerySet


class Pledge(models.Model):
    """A donor's promise of goods (items and quantities) and/or a cash amount received by
    someone else and recorded here with its receipt number.

    ``donor_phone`` is protected; ``is_anonymous`` keeps the donor's name off public pages.
    """

    drive = models.ForeignKey(
        "charity.Drive", on_delete=models.PROTECT, related_name="pledges", verbose_name=_("drive")
    )
    donor_name = models.CharField(_("donor"), max_length=100)
    donor_phone = models.CharField(_("donor phone"), max_length=20, blank=True)
    donor_organisation = models.ForeignKey(
        "charity.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
        verbose_name=_("donor organisation"),
    )
    is_anonymous = models.BooleanField(_("anonymous to the public"), default=False)
    cash_amount = models.DecimalField(
        _("cash amount (recorded)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cash_received_by = models.CharField(
        _("cash received by"),
        max_length=100,
        blank=True,
        help_text=_("Who took the money (the platform never does)."),
    )
    cash_receipt_number = models.CharField(_("cash receipt number"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=PledgeState.choices, default=PledgeState.PLEDGED
    )
    pledged_at = models.DateTimeField(_("pledged at"))
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    place = models.ForeignKey(
        "charity.StoragePlace",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("received into"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "drive__node"
    view_permission = "charity.view"

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-pledged_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cash_amount__isnull=True) | Q(cash_amount__gt=0),
                name="charity_pledge_cash_positive",
            )
        ]

    def __str__(self):
        return f"{self.drive} · {self.donor_name}"

    @property
    def node(self):
        """Where the pledge belongs (for webhooks and scope): its drive's node."""
        return self.drive.node

    @staticmethod
    def extra_visibility(user, scope):
        from gongzhi.charity.models.organisations import staff_organisations

        return Q(drive__organisation_id__in=staff_organisations(user))


class PledgeItem(models.Model):
    """Goods of one kind in a pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="items")
    item_kind = models.ForeignKey(
        "charity.ItemKind", on_delete=models.PROTECT, related_name="+", verbose_name=_("item kind")
    )
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        verbose_name = _("pledged item")
        verbose_name_plural = _("pledged items")
        ordering = ["pledge", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "item_kind"], name="charity_pledge_item_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="charity_pledge_item_positive"
            ),
        ]

    def __str__(self):
        return f"{self.item_kind} × {self.quantity}"


class Acknowledgement(models.Model):
    """The donor acknowledgement (捐赠证书) issued when a pledge is received.

    Numbered (``JZ2026-000123``) and carrying a check code, so that anyone holding it can
    verify it on the public page. The PDF is drawn from ``snapshot`` alone.
    """

    pledge = models.OneToOneField(
        Pledge, on_delete=models.PROTECT, related_name="acknowledgement", verbose_name=_("pledge")
    )
    number = models.CharField(_("number"), max_length=20, unique=True)
    check_code = models.CharField(_("check code"), max_length=12)
    snapshot = models.JSONField(_("snapshot"), default=dict)
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("donor acknowledgement")
        verbose_name_plural = _("donor acknowledgements")
        ordering = ["-issued_at", "-id"]

    def __str__(self):
        return self.number
