"""Issued documents (文书) and their service records (送达回证)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.enforcement.choices import DocumentKind, ServiceMethod
from gongzhi.enforcement.files import document_path, photo_path
from gongzhi.org.access import ScopedQuerySet


class EnforcementDocument(models.Model):
    """One issued document with its number, the data it was issued with and the PDF itself.

    Never regenerated from the record: ``snapshot`` holds everything printed on it and ``pdf``
    the file as issued, so a download today gives what the party received.
    """

    record = models.ForeignKey(
        "enforcement.IllegalStructure", on_delete=models.PROTECT, related_name="documents"
    )
    authority = models.ForeignKey(
        "enforcement.EnforcementAuthority", on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("number in the year"))
    number = models.CharField(_("document number"), max_length=60, unique=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
    )
    snapshot = models.JSONField(_("content as issued"))
    pdf = models.FileField(_("PDF"), upload_to=document_path)
    withdrawn_at = models.DateTimeField(
        _("withdrawn at"),
        null=True,
        blank=True,
        help_text=_("Set when a corrected document of the same kind replaced it before service."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "record__node"
    view_permission = "enforcement.view"

    class Meta:
        verbose_name = _("enforcement document")
        verbose_name_plural = _("enforcement documents")
        ordering = ["record", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "kind", "year", "seq"], name="enforcement_document_seq"
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("enforcement:document_pdf", args=[self.pk])

    @property
    def is_served(self) -> bool:
        return hasattr(self, "service")


class ServiceRecord(models.Model):
    """How and when a document reached the party (送达), with a photo of the signed receipt."""

    document = models.OneToOneField(
        EnforcementDocument, on_delete=models.PROTECT, related_name="service"
    )
    served_on = models.DateField(_("served on"))
    method = models.CharField(_("method"), max_length=8, choices=ServiceMethod.choices)
    recipient = models.CharField(_("recipient"), max_length=100)
    receipt_photo = models.FileField(_("signed receipt"), upload_to=photo_path, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "document__record__node"
    view_permission = "enforcement.view"

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")

    def __str__(self):
        return f"{self.document} → {self.recipient}"
