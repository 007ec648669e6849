"""The task list (任务清单): what each party promised, by when, and how far it has got."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.participation.choices import TaskSource, TaskState
from gongzhi.participation.models.common import PhotoBase


class TaskQuerySet(ScopedQuerySet):
    def public(self):
        """The public task list shows every task (Decidim's accountability)."""
        return self


class Task(models.Model):
    """A promise on the task list: owner party and person, due date in working days, progress.

    ``due_at`` is ``due_days`` working days after ``starts_at`` on the node's calendar
    (``worktime.clock.deadline``); the sweep marks it overdue and escalates up the tree.
    """

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="tasks", verbose_name=_("area")
    )
    owner_party = models.ForeignKey(
        "org.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    owner_name = models.CharField(_("owner"), max_length=100)
    responsible = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    source = models.CharField(_("source"), max_length=12, choices=TaskSource.choices)
    due_days = models.PositiveIntegerField(_("working days to complete"))
    starts_at = models.DateTimeField(_("started"), default=timezone.now)
    due_at = models.DateTimeField(_("due"), db_index=True)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    state = models.CharField(
        _("state"), max_length=12, choices=TaskState.choices, default=TaskState.OPEN, db_index=True
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    labels = models.ManyToManyField(
        "volunteering.Label", blank=True, related_name="tasks", verbose_name=_("programmes")
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = TaskQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "participation.view"

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="task_progress_at_most_100"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:task_public", args=[self.pk])

    @classmethod
    def extra_visibility(cls, user, scope):
        """A party's people see the tasks their party owns."""
        parties = scope.party_ids()
        return Q(owner_party_id__in=parties) if parties else Q(pk__in=[])


class TaskProgress(models.Model):
    """A progress report on a task: percent, note and maybe evidence photos."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="progress_notes")
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.task} {self.percent}%"


class TaskPhoto(PhotoBase):
    """Evidence of a task's progress."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="photos")
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )

    class Meta(PhotoBase.Meta):
        verbose_name = _("task photo")
        verbose_name_plural = _("task photos")


class TaskEscalation(models.Model):
    """An overdue task raised to a node above it; once per task and level."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="escalations")
    level = models.PositiveSmallIntegerField(_("level"))
    node = models.ForeignKey("org.Node", on_delete=models.PROTECT, related_name="+")
    notified_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("task escalation")
        verbose_name_plural = _("task escalations")
        ordering = ["task", "level"]
        constraints = [
            models.UniqueConstraint(fields=["task", "level"], name="task_escalation_once_per_level")
        ]

    def __str__(self):
        return f"{self.task} ↑{self.level}"
