"""Pieces shared by the participation models: photo paths and the photo base."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def photo_path(instance, filename):
    # Random names: a photo's URL says nothing about the demand, task or person.
    return f"participation/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


def thumbnail_path(instance, filename):
    return f"participation/{timezone.now():%Y/%m}/{uuid.uuid4().hex}_t.jpg"


class PhotoBase(models.Model):
    """A photo already re-encoded without metadata (see ``participation.images``)."""

    image = models.FileField(_("photo"), upload_to=photo_path)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]
