"""The report a leader files after an activity, with its photos."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet


class ActivityReport(models.Model):
    """What an activity achieved: a summary and how many people it served. Filing it finishes
    the activity."""

    activity = models.OneToOneField(
        "volunteering.Activity", on_delete=models.CASCADE, related_name="report"
    )
    summary = models.TextField(_("summary"))
    people_served = models.PositiveIntegerField(_("people served"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("filed at"))

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "activity__node"
    view_permission = "volunteering.lead"

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.activity)


class ReportPhoto(models.Model):
    """A photo of an activity, checked by content and stored without its EXIF data."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to="volunteering/reports/%Y/%m/")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["report", "position", "id"]

    def __str__(self):
        return self.image.name
