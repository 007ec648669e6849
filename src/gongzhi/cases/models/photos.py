"""Photos of a case, re-encoded without EXIF before anything is stored."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.choices import PhotoStage
from gongzhi.org.access import ScopedQuerySet


def photo_path(instance, filename):
    # Random names: a photo's URL says nothing about the case or the person.
    return f"cases/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


def thumbnail_path(instance, filename):
    return f"cases/{timezone.now():%Y/%m}/{uuid.uuid4().hex}_t.jpg"


class CasePhoto(models.Model):
    """A photo of a case at a stage: before (reporting), after (resolution) or at a revisit."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(_("stage"), max_length=8, choices=PhotoStage.choices)
    image = models.FileField(_("photo"), upload_to=photo_path)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    revisit = models.ForeignKey(
        "cases.Revisit", null=True, blank=True, on_delete=models.SET_NULL, related_name="photos"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "case__node"
    view_permission = "cases.view"

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case} {self.stage}"
