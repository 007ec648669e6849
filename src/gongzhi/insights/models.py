"""The insights app's own tables: monthly briefings (工作简报), generated and frozen."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet


class BriefingState(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")


class Briefing(models.Model):
    """One node's briefing for one month.

    ``content`` is the briefing as built from the records: sections of paragraphs, each a list
    of parts that are either plain text or a number bound to a KPI (code, value, scope). Staff
    add and edit their own paragraphs in ``narrative`` (slot → text), never the numbers. On
    approval the briefing is frozen: ``content`` as built at ``as_of``, ``numbers`` (every
    figure used) and ``record_ids`` (the records behind each count), so that a later
    regeneration can say which numbers differ and why.
    """

    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("node")
    )
    period = models.CharField(_("month"), max_length=7)
    state = models.CharField(
        _("state"), max_length=12, choices=BriefingState.choices, default=BriefingState.DRAFT
    )
    content = models.JSONField(_("content"), default=dict, blank=True)
    narrative = models.JSONField(_("narrative paragraphs"), default=dict, blank=True)
    numbers = models.JSONField(_("numbers"), default=dict, blank=True)
    record_ids = models.JSONField(_("records behind the numbers"), default=dict, blank=True)
    as_of = models.DateTimeField(_("figures as of"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "insights.view"

    class Meta:
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")
        ordering = ["-period", "node__path"]
        constraints = [
            models.UniqueConstraint(fields=["node", "period"], name="briefing_once_per_month")
        ]

    def __str__(self):
        return f"{self.node} {self.period}"

    def get_absolute_url(self):
        return reverse("insights:briefing", args=[self.node.code, self.period])

    @property
    def is_frozen(self) -> bool:
        return self.state != BriefingState.DRAFT
