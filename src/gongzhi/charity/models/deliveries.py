"""Deliveries of donated goods to their recipients, with sign-off and proof photos."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.charity.choices import BeneficiaryKind, DeliveryState, PhotoKind
from gongzhi.org.access import ScopedQuerySet


class Delivery(models.Model):
    """Goods allocated from a place to one recipient — a household, a school, an assistance
    file — carried by volunteers of a volunteering activity (so their hours and points flow
    through volunteering's services) and signed for by the recipient.

    Public pages name the recipient only when ``public_name_consent`` is set; otherwise they
    show ``public_category`` and the node.
    """

    drive = models.ForeignKey(
        "charity.Drive",
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("drive"),
    )
    place = models.ForeignKey(
        "charity.StoragePlace",
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("from place"),
    )
    beneficiary_kind = models.CharField(
        _("recipient kind"), max_length=12, choices=BeneficiaryKind.choices
    )
    household = models.ForeignKey(
        "org.Household",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("household"),
    )
    assistance_file = models.ForeignKey(
        "charity.AssistanceFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliveries",
        verbose_name=_("assistance file"),
    )
    recipient_name = models.CharField(_("recipient"), max_length=100)
    public_name_consent = models.BooleanField(_("recipient may be named publicly"), default=False)
    public_category = models.CharField(
        _("public description"),
        max_length=100,
        blank=True,
        help_text=_("Shown instead of the name, e.g. 困境儿童家庭 or 玉树州某小学."),
    )
    node = models.ForeignKey(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="charity_deliveries",
        verbose_name=_("delivered in"),
    )
    scheduled_on = models.DateField(_("date"))
    activity = models.ForeignKey(
        "volunteering.Activity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="charity_deliveries",
        verbose_name=_("volunteer activity"),
    )
    volunteers = models.ManyToManyField(
        "org.Person", blank=True, related_name="charity_deliveries", verbose_name=_("volunteers")
    )
    state = models.CharField(
        _("state"), max_length=12, choices=DeliveryState.choices, default=DeliveryState.PLANNED
    )
    signed_by_name = models.CharField(_("signed by"), max_length=100, blank=True)
    sign_mark = models.CharField(
        _("mark"), max_length=200, blank=True, help_text=_("A mark instead of a name, if any.")
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "drive__node"
    view_permission = "charity.view"

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-scheduled_on", "-id"]

    def __str__(self):
        return f"{self.drive} → {self.recipient_name}"

    def get_absolute_url(self):
        return reverse("charity:delivery_phone", args=[self.pk])

    @staticmethod
    def extra_visibility(user, scope):
        """Its organisation's staff and the volunteers carrying it (subqueries: one row each)."""
        from gongzhi.charity.models.organisations import staff_organisations

        carried = Delivery.volunteers.through.objects.filter(person__user=user).values(
            "delivery_id"
        )
        return Q(drive__organisation_id__in=staff_organisations(user)) | Q(pk__in=carried)


class DeliveryItem(models.Model):
    """How many of one kind of goods a delivery carries (allocated from its place)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="items")
    item_kind = models.ForeignKey(
        "charity.ItemKind", on_delete=models.PROTECT, related_name="+", verbose_name=_("item kind")
    )
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        verbose_name = _("delivered item")
        verbose_name_plural = _("delivered items")
        ordering = ["delivery", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "item_kind"], name="charity_delivery_item_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="charity_delivery_item_positive"
            ),
        ]

    def __str__(self):
        return f"{self.item_kind} × {self.quantity}"


class DeliveryPhoto(models.Model):
    """The recipient's sign-off photo or a proof photo; cleaned (EXIF removed) on upload."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("kind"), max_length=10, choices=PhotoKind.choices)
    image = models.ImageField(_("photo"), upload_to="charity/deliveries/%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery photo")
        verbose_name_plural = _("delivery photos")
        ordering = ["delivery", "id"]

    def __str__(self):
        return f"{self.delivery} · {self.get_kind_display()}"
