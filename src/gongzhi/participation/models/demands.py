"""Demands (民情诉求 / 微心愿): raised, supported, assessed, carried out to done."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.participation.choices import DemandSource, DemandState
from gongzhi.participation.models.common import PhotoBase


class DemandQuerySet(ScopedQuerySet):
    def public(self):
        """Every demand is public ("what residents asked for and what became of it"); pages
        show it through the scrubber."""
        return self


class Demand(models.Model):
    """Something residents ask for: a short title, text, the node, photos, a place.

    ``support_count`` mirrors the ``DemandSupport`` rows (one per login, by a unique
    constraint); ``decision_note`` is the answer shown to the resident.
    """

    title = models.CharField(_("title"), max_length=60)
    text = models.TextField(_("what is asked for"))
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="demands", verbose_name=_("area")
    )
    source = models.CharField(_("raised by"), max_length=12, choices=DemandSource.choices)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_demands",
    )
    raised_by_person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="demands"
    )
    council = models.ForeignKey(
        "participation.Council",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demands",
        verbose_name=_("council"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=DemandState.choices,
        default=DemandState.SUBMITTED,
        db_index=True,
    )
    decision_note = models.TextField(_("answer"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    task = models.ForeignKey(
        "participation.Task",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demands",
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    completion_note = models.TextField(_("completion note"), blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    labels = models.ManyToManyField(
        "volunteering.Label", blank=True, related_name="demands", verbose_name=_("programmes")
    )
    created_at = models.DateTimeField(_("raised at"), default=timezone.now, db_index=True)
    assessed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = DemandQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "participation.view"

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="demand_progress_at_most_100"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:demand_public", args=[self.pk])

    @classmethod
    def extra_visibility(cls, user, scope):
        return Q(raised_by=user)


class DemandSupport(models.Model):
    """One resident's 附议 of a demand: once per login, enforced by the database."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["demand", "user"], name="demand_support_unique_user")
        ]

    def __str__(self):
        return f"{self.user} → {self.demand}"


class DemandPhoto(PhotoBase):
    """A photo of a demand: as raised (before), along the way, or the after photo."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(
        _("stage"),
        max_length=8,
        choices=[("before", _("before")), ("progress", _("progress")), ("after", _("after"))],
    )

    class Meta(PhotoBase.Meta):
        verbose_name = _("demand photo")
        verbose_name_plural = _("demand photos")


class DemandProgress(models.Model):
    """A progress note on a demand, with its percent at the time."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="progress_notes")
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.demand} {self.percent}%"
