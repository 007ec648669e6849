"""Escalation (督办) of overdue steps, and in-site notifications."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.choices import Step
from gongzhi.org.access import ScopedQuerySet


class Supervision(models.Model):
    """One escalation of one overdue step of a case, at one level (1 = first overdue).

    The unique constraint on (case, step, step_seq, level) is what makes the sweep idempotent:
    running it twice creates, and notifies, once.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="supervisions")
    step = models.CharField(_("step"), max_length=12, choices=Step.choices)
    step_seq = models.PositiveIntegerField(_("step number"))
    level = models.PositiveSmallIntegerField(_("level"))
    node = models.ForeignKey(
        "org.Node",
        on_delete=models.PROTECT,
        related_name="supervisions",
        verbose_name=_("escalated to"),
    )
    deadline_at = models.DateTimeField(_("missed deadline"))
    notified_count = models.PositiveIntegerField(_("people notified"), default=0)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "case__node"
    view_permission = "cases.view"

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "step", "step_seq", "level"], name="supervision_once_per_level"
            )
        ]

    def __str__(self):
        return f"{self.case} {self.step} L{self.level}"


class Notification(models.Model):
    """A message to one user in the site (and by e-mail): a case moved, a rating is asked for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    verb = models.CharField(_("what"), max_length=40)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.user} {self.verb}"
