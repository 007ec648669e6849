"""Where the enforcement app's files go: random names that say nothing about the person."""

import uuid

from django.utils import timezone


def photo_path(instance, filename):
    return f"enforcement/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


def thumbnail_path(instance, filename):
    return f"enforcement/{timezone.now():%Y/%m}/{uuid.uuid4().hex}_t.jpg"


def document_path(instance, filename):
    return f"enforcement/documents/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"
