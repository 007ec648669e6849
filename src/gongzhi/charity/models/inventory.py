"""The inventory: storage places, the stock of each drive's goods there, and the movement
ledger that stock is the sum of."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.charity.choices import MovementKind
from gongzhi.org.access import ScopedQuerySet


class StoragePlace(models.Model):
    """Where donated goods are kept: a community's storeroom, a partner's warehouse."""

    name = models.CharField(_("name"), max_length=100)
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="charity_places", verbose_name=_("node")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "charity.view"

    class Meta:
        verbose_name = _("storage place")
        verbose_name_plural = _("storage places")
        ordering = ["node__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["node", "name"], name="charity_place_unique")
        ]

    def __str__(self):
        return self.name


class StockLevel(models.Model):
    """How many of one drive's goods of one kind lie at one place.

    ``on_hand`` caches the sum of the matching movements. It changes only with this row locked
    (``select_for_update``), and a CHECK keeps it from going below zero — the approach that
    keeps the points store's stock safe, so two allocations racing for the last item cannot
    both win on SQLite or PostgreSQL.
    """

    drive = models.ForeignKey("charity.Drive", on_delete=models.PROTECT, related_name="stock")
    place = models.ForeignKey(StoragePlace, on_delete=models.PROTECT, related_name="stock")
    item_kind = models.ForeignKey("charity.ItemKind", on_delete=models.PROTECT, related_name="+")
    on_hand = models.IntegerField(_("on hand"), default=0)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "drive__node"
    view_permission = "charity.view"

    class Meta:
        verbose_name = _("stock level")
        verbose_name_plural = _("stock levels")
        ordering = ["drive", "place", "item_kind__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["drive", "place", "item_kind"], name="charity_stock_unique"
            ),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="charity_stock_not_negative"),
        ]

    def __str__(self):
        return f"{self.drive} · {self.place} · {self.item_kind}: {self.on_hand}"


class MovementQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise TypeError("stock movements are append-only")

    def delete(self):
        raise TypeError("stock movements are append-only")


class Movement(models.Model):
    """One entry in the inventory ledger; written once, never changed.

    ``quantity`` carries its sign (received +, allocated −…). Links say what it was for: the
    pledge received, the delivery allocated, the points-store goods transferred to, the place
    transferred from or to.
    """

    drive = models.ForeignKey(
        "charity.Drive", on_delete=models.PROTECT, related_name="movements", verbose_name=_("drive")
    )
    place = models.ForeignKey(
        StoragePlace, on_delete=models.PROTECT, related_name="movements", verbose_name=_("place")
    )
    item_kind = models.ForeignKey(
        "charity.ItemKind", on_delete=models.PROTECT, related_name="+", verbose_name=_("item kind")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MovementKind.choices)
    quantity = models.IntegerField(_("quantity"))
    pledge = models.ForeignKey(
        "charity.Pledge",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("pledge"),
    )
    delivery = models.ForeignKey(
        "charity.Delivery",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("delivery"),
    )
    points_goods = models.ForeignKey(
        "points.Goods",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("points-store goods"),
    )
    other_place = models.ForeignKey(
        StoragePlace,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("other place"),
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = MovementQuerySet.as_manager()

    scope_node_field = "drive__node"
    view_permission = "charity.view"

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["id"]
        indexes = [models.Index(fields=["drive", "place", "item_kind"])]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="charity_movement_not_zero")
        ]

    def __str__(self):
        return f"{self.item_kind} {self.quantity:+d} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("stock movements are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("stock movements are append-only")
