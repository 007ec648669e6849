"""After closing: the case policy, ratings (回访/评价) and revisits (回头看)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.choices import RatingChannel, RevisitOutcome, UnsatisfiedAction
from gongzhi.org.access import ScopedQuerySet


class CasePolicy(models.Model):
    """Community policy for cases, kept by staff: one global row and optional per-node rows.

    A case uses the policy of the nearest node up its tree that has one, else the global one.
    """

    node = models.OneToOneField(
        "org.Node",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="case_policy",
        verbose_name=_("node"),
    )
    is_global = models.BooleanField(_("global default"), default=False)
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=8,
        default="GZ",
        help_text=_("Letters before the date in case references, e.g. XS in XS-20261129-0042."),
    )
    duplicate_radius_m = models.PositiveIntegerField(
        _("duplicate search radius (m)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(5000)],
    )
    duplicate_window_days = models.PositiveSmallIntegerField(
        _("duplicate search window (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    duplicate_threshold = models.FloatField(
        _("duplicate text similarity"),
        default=0.25,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 to 1: how alike two descriptions must be (shared character pairs)."),
    )
    unsatisfied_action = models.CharField(
        _("when the resident is not satisfied"),
        max_length=12,
        choices=UnsatisfiedAction.choices,
        default=UnsatisfiedAction.REOPEN,
    )
    unsatisfied_window_days = models.PositiveSmallIntegerField(
        _("days after closing in which dissatisfaction reopens"),
        default=7,
        validators=[MaxValueValidator(365)],
    )
    followup_window_days = models.PositiveSmallIntegerField(
        _("days a closed case stays on the follow-up call list"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("case policy")
        verbose_name_plural = _("case policies")
        constraints = [
            models.UniqueConstraint(
                fields=["is_global"], condition=Q(is_global=True), name="case_policy_one_global"
            ),
            models.CheckConstraint(
                condition=(Q(is_global=True) & Q(node__isnull=True))
                | (Q(is_global=False) & Q(node__isnull=False)),
                name="case_policy_global_xor_node",
            ),
        ]

    def __str__(self):
        return str(self.node) if self.node_id else str(_("global default"))


class Rating(models.Model):
    """The follow-up after a closing: contacted? solved? satisfied? (三率 are computed from these).

    One rating per closing (``closing_seq`` is the case's ``close_count`` when it was rated).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="ratings")
    closing_seq = models.PositiveIntegerField(_("closing"))
    contacted = models.BooleanField(_("contacted"))
    solved = models.BooleanField(_("solved"))
    satisfied = models.BooleanField(_("satisfied"))
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(_("how"), max_length=8, choices=RatingChannel.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=UnsatisfiedAction.choices, blank=True
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "case__node"
    view_permission = "cases.view"

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "closing_seq"], name="rating_once_per_closing")
        ]

    def __str__(self):
        return f"{self.case} #{self.closing_seq}"


class Revisit(models.Model):
    """A revisit (回头看) due some days after a closing; a relapse opens a linked case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="revisits")
    closing_seq = models.PositiveIntegerField(_("closing"))
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=RevisitOutcome.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    linked_case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("new case"),
    )

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "case__node"
    view_permission = "cases.view"

    class Meta:
        verbose_name = _("revisit")
        verbose_name_plural = _("revisits")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "closing_seq"], name="revisit_once_per_closing")
        ]
        indexes = [models.Index(fields=["done_at", "due_on"], name="revisit_due")]

    def __str__(self):
        return f"{self.case} → {self.due_on}"
