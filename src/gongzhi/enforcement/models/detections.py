"""Detections pushed by monitoring systems (cameras, drones), awaiting a person's verdict."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.enforcement.choices import DetectionState
from gongzhi.enforcement.files import photo_path, thumbnail_path
from gongzhi.org.access import ScopedQuerySet


class Detection(models.Model):
    """A possible illegal structure seen by a monitoring system.

    Never a case by itself: an officer or staff member verifies it (which opens the case and
    the record) or rejects it. A detection near an open detection or record is linked to it
    (``duplicate_of`` / ``linked_record``) instead of waiting for a second verdict. Idempotent
    on ``(source_id, detection_id)``.
    """

    source_id = models.CharField(_("source"), max_length=64)
    detection_id = models.CharField(_("detection id"), max_length=64)
    detected_at = models.DateTimeField(_("detected at"))
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("grid")
    )
    confidence = models.FloatField(
        _("confidence"), validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    image_url = models.URLField(_("image URL"), max_length=500, blank=True)
    image = models.FileField(_("image"), upload_to=photo_path, blank=True)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=DetectionState.choices, default=DetectionState.PENDING
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    linked_record = models.ForeignKey(
        "enforcement.IllegalStructure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="detections",
        verbose_name=_("record"),
    )
    review_note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    received_from = models.CharField(_("received from"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "enforcement.view"

    class Meta:
        verbose_name = _("detection")
        verbose_name_plural = _("detections")
        ordering = ["-detected_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_id", "detection_id"], name="detection_unique_per_source"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="detection_confidence_range",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "lat", "lon"], name="detection_state_place"),
        ]

    def __str__(self):
        return f"{self.source_id}/{self.detection_id}"
