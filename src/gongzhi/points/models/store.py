"""The love-points store (爱心积分超市): goods, their stock and the residents' orders."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.core.indexes import where_set
from gongzhi.org.access import ScopedQuerySet
from gongzhi.points.choices import LimitPeriod, MovementKind, OrderState
from gongzhi.points.models.immutable import AppendOnlyModel, AppendOnlyQuerySet


class Goods(models.Model):
    """An item on the shelves of a community's points store, usually donated by a partner unit.

    ``stock`` caches the sum of the item's stock movements; it changes only with the goods row
    locked, and a CHECK keeps it from going below zero.
    """

    community = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="goods", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    photo = models.ImageField(_("photo"), upload_to="points/goods/%Y/%m/", blank=True)
    price = models.PositiveIntegerField(_("price in points"))
    donor = models.ForeignKey(
        "org.PartnerUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goods",
        verbose_name=_("donor"),
    )
    is_active = models.BooleanField(_("on sale"), default=True)
    limit_period = models.CharField(
        _("limit period"), max_length=8, choices=LimitPeriod.choices, default=LimitPeriod.NONE
    )
    limit_per_person = models.PositiveIntegerField(
        _("limit per person"),
        null=True,
        blank=True,
        help_text=_("How many one person may order in the limit period."),
    )
    stock = models.IntegerField(_("stock"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "community"
    view_permission = "points.view"

    class Meta:
        verbose_name = _("goods")
        verbose_name_plural = _("goods")
        ordering = ["community__path", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="points_goods_stock_not_negative"
            ),
            models.CheckConstraint(condition=Q(price__gt=0), name="points_goods_price_positive"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("points:goods_detail", args=[self.pk])

    @property
    def has_limit(self) -> bool:
        return self.limit_period != LimitPeriod.NONE and self.limit_per_person is not None


class StockMovement(AppendOnlyModel):
    """A change of stock: donations and cancellation returns in, redemptions and write-offs out.
    Written once; the stock of an item is the sum of its movements."""

    goods = models.ForeignKey(
        Goods, on_delete=models.PROTECT, related_name="movements", verbose_name=_("goods")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=MovementKind.choices)
    quantity = models.IntegerField(_("quantity"))
    donor = models.ForeignKey(
        "org.PartnerUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("donor"),
        db_index=False,
    )
    order = models.ForeignKey(
        "points.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=pgettext_lazy("store", "order"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
        db_index=False,
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="points_stock_movement_not_zero"),
        ]
        indexes = [
            where_set("donor", "points_movement_donor"),
            where_set("created_by", "points_movement_created_by"),
        ]

    def __str__(self):
        return f"{self.goods} {self.quantity:+d}"


class Order(models.Model):
    """A resident's redemption: points are taken when it is placed; the clerk hands the goods
    over against the one-time code; a cancelled order gives points and stock back."""

    person = models.ForeignKey(
        "org.Person",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("person"),
        db_index=False,
    )
    goods = models.ForeignKey(
        Goods, on_delete=models.PROTECT, related_name="orders", verbose_name=_("goods")
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    points = models.PositiveIntegerField(_("points"))
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=OrderState.choices,
        default=OrderState.PLACED,
        db_index=True,
    )
    code = models.CharField(_("redemption code"), max_length=16, unique=True)
    redemption = models.OneToOneField(
        "points.Transaction",
        on_delete=models.PROTECT,
        related_name="order",
        verbose_name=_("redemption"),
    )
    cancellation = models.OneToOneField(
        "points.Transaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cancelled_order",
        verbose_name=_("cancellation"),
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("placed by"),
        db_index=False,
    )
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True, db_index=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handed over by"),
        db_index=False,
    )
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cancelled by"),
        db_index=False,
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "goods__community"
    view_permission = "points.view"

    class Meta:
        verbose_name = pgettext_lazy("store", "order")
        verbose_name_plural = pgettext_lazy("store", "orders")
        ordering = ["-placed_at", "-id"]
        indexes = [
            models.Index(fields=["person", "goods", "placed_at"]),  # serves person too
            where_set("placed_by", "points_order_placed_by"),
            where_set("handed_over_by", "points_order_handed_over_by"),
            where_set("cancelled_by", "points_order_cancelled_by"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="points_order_quantity_positive"
            )
        ]

    def __str__(self):
        return f"{self.goods} × {self.quantity} ({self.code_display})"

    def get_absolute_url(self):
        return reverse("points:order_detail", args=[self.pk])

    @property
    def code_display(self) -> str:
        """The code in two groups of four, easier to read aloud: ``ABCD-EFGH``."""
        return f"{self.code[:4]}-{self.code[4:]}" if len(self.code) == 8 else self.code

    @staticmethod
    def extra_visibility(user, scope):
        return Q(person__user=user)
