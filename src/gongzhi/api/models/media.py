"""Photos uploaded ahead of the action that uses them (``POST /api/media``)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def upload_path(instance, filename):
    return f"api/uploads/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


class MediaUpload(models.Model):
    """A checked, EXIF-free photo waiting to be attached to a case by the user who sent it.

    It is bound to that user (an API key's service user, or a person logged in), used once, and
    removed when it is used or when it expires unused (``remove_orphaned_media --delete``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    image = models.FileField(_("photo"), upload_to=upload_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("uploaded photo")
        verbose_name_plural = _("uploaded photos")
        ordering = ["created_at"]

    def __str__(self):
        return str(self.id)
