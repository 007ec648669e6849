"""Community policy for points: what earns how much, the caps, expiry, and good deeds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.points.choices import GoodDeedState, Reason


class PointsRule(models.Model):
    """How many points one unit of a reason earns in a community, and the caps per person.

    The rule of the person's community (the nearest community up the tree from their node)
    applies. A cap of ``None`` means no cap; an award that would cross a cap is cut to what
    still fits.
    """

    community = models.ForeignKey(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="points_rules",
        verbose_name=_("community"),
    )
    reason = models.CharField(_("reason"), max_length=32, choices=Reason.choices)
    points_per_unit = models.PositiveIntegerField(
        _("points per unit"),
        help_text=_("Per service hour, per verified report, per council, per good deed."),
    )
    daily_cap = models.PositiveIntegerField(
        _("cap per person per day"), null=True, blank=True, help_text=_("Empty: no cap.")
    )
    monthly_cap = models.PositiveIntegerField(
        _("cap per person per month"), null=True, blank=True, help_text=_("Empty: no cap.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "community"
    view_permission = "points.view"

    class Meta:
        verbose_name = _("points rule")
        verbose_name_plural = _("points rules")
        ordering = ["community__path", "reason"]
        constraints = [
            models.UniqueConstraint(fields=["community", "reason"], name="points_rule_unique")
        ]

    def __str__(self):
        return f"{self.community} · {self.get_reason_display()}: {self.points_per_unit}"


class PointsPolicy(models.Model):
    """Community-wide points settings: whether unspent points expire each year, and how long
    an order waits to be collected."""

    community = models.OneToOneField(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="points_policy",
        verbose_name=_("community"),
    )
    expire_yearly = models.BooleanField(
        _("points expire yearly"),
        default=False,
        help_text=_(
            "When on, points held at the end of a year and not spent since expire when "
            "staff run the yearly expiry."
        ),
    )
    collect_within_days = models.PositiveSmallIntegerField(
        _("days to collect an order"),
        default=14,
        help_text=_(
            "An order nobody collects within this many days is cancelled by itself: the points "
            "go back to the resident and the goods to the shelf. 0 keeps orders open."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("points policy")
        verbose_name_plural = _("points policies")

    def __str__(self):
        return str(self.community)


class GoodDeed(models.Model):
    """A good deed proposed by a resident (their own) or by staff; staff approval awards the
    community's good-deed points."""

    person = models.ForeignKey(
        "org.Person",
        on_delete=models.PROTECT,
        related_name="good_deeds",
        verbose_name=_("person"),
    )
    description = models.TextField(_("what was done"), max_length=2000)
    occurred_on = models.DateField(_("date"))
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=GoodDeedState.choices,
        default=GoodDeedState.PROPOSED,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)
    transaction = models.OneToOneField(
        "points.Transaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("award"),
    )

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "person__node"
    view_permission = "points.manage"

    class Meta:
        verbose_name = _("good deed")
        verbose_name_plural = _("good deeds")
        ordering = ["-proposed_at", "-id"]

    def __str__(self):
        return f"{self.person} · {self.occurred_on}"

    @staticmethod
    def extra_visibility(user, scope):
        return Q(person__user=user) | Q(proposed_by=user)
