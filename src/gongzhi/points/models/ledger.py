"""The double-entry points ledger: accounts, transactions and their entries."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.indexes import where_set
from gongzhi.org.access import ScopedQuerySet
from gongzhi.points.choices import AccountKind, Reason, TransactionKind
from gongzhi.points.models.immutable import AppendOnlyModel, AppendOnlyQuerySet, LedgerImmutable


class AccountQuerySet(ScopedQuerySet):
    def delete(self):
        raise LedgerImmutable("points accounts cannot be deleted")


class Account(models.Model):
    """A points account: one per person, and per community an issuing, a store and an expiry
    account.

    ``balance`` caches the sum of the account's entries; services change it only in the
    transaction that books the entries, with the row locked, and ``gongzhi points_check``
    proves the two agree. Only the issuing account may go below zero (a database CHECK too).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=AccountKind.choices)
    person = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="points_accounts",
        verbose_name=_("person"),
    )
    node = models.ForeignKey(
        "org.Node",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="points_accounts",
        verbose_name=_("community"),
    )
    balance = models.BigIntegerField(_("balance"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AccountQuerySet.as_manager()

    scope_node_field = "person__node"
    view_permission = "points.view"

    class Meta:
        verbose_name = _("points account")
        verbose_name_plural = _("points accounts")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=AccountKind.ISSUING) | Q(balance__gte=0),
                name="points_account_non_negative_unless_issuing",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=AccountKind.PERSON, person__isnull=False, node__isnull=True)
                    | (~Q(kind=AccountKind.PERSON) & Q(person__isnull=True, node__isnull=False))
                ),
                name="points_account_owner_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(kind=AccountKind.PERSON),
                name="points_account_one_per_person",
            ),
            models.UniqueConstraint(
                fields=["kind", "node"],
                condition=Q(person__isnull=True),
                name="points_account_one_per_kind_and_community",
            ),
        ]

    def __str__(self):
        if self.kind == AccountKind.PERSON:
            return str(_("points of %(name)s") % {"name": self.person})
        return f"{self.node} · {self.get_kind_display()}"

    @staticmethod
    def extra_visibility(user, scope):
        return Q(person__user=user)

    def delete(self, *args, **kwargs):
        raise LedgerImmutable("points accounts cannot be deleted")


class TransactionQuerySet(AppendOnlyQuerySet):
    pass


class Transaction(AppendOnlyModel):
    """One booking: a set of entries that sum to zero, written once and never changed.

    A mistake is corrected by a reversal (a new transaction with the entries negated that
    points back through ``reverses``). ``idempotency_key`` is unique, so the same award, order
    or expiry can never be booked twice, whatever retries or races happen.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=TransactionKind.choices)
    reason = models.CharField(
        _("reason"), max_length=32, choices=Reason.choices, blank=True, db_index=True
    )
    community = models.ForeignKey(
        "org.Node",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("community"),
    )
    memo = models.CharField(_("memo"), max_length=500, blank=True)
    source_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source type"),
        db_index=False,
    )
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    requested_points = models.BigIntegerField(
        _("points before caps"), null=True, blank=True, help_text=_("Awards only.")
    )
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversal",
        verbose_name=_("reverses"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("booked by"),
        db_index=False,
    )
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True, db_index=True)

    objects = TransactionQuerySet.as_manager()

    class Meta:
        verbose_name = _("points transaction")
        verbose_name_plural = _("points transactions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),  # serves source_type too
            models.Index(fields=["kind", "occurred_at"]),
            where_set("created_by", "points_txn_created_by"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()}"


class EntryQuerySet(AppendOnlyQuerySet):
    pass


class Entry(AppendOnlyModel):
    """One leg of a transaction: a signed amount on one account (positive = credit)."""

    transaction = models.ForeignKey(
        Transaction,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("transaction"),
        db_index=False,
    )
    account = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="entries", verbose_name=_("account")
    )
    amount = models.BigIntegerField(_("points"))

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="points_entry_amount_not_zero"),
            models.UniqueConstraint(
                fields=["transaction", "account"], name="points_entry_one_per_account"
            ),
        ]

    def __str__(self):
        return f"{self.account}: {self.amount:+d}"
