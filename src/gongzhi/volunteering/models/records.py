"""What a volunteer's record holds besides hours (training, awards, evaluations) and the
certificates issued from it, as the national volunteer-service record rules list them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.volunteering.choices import Rating


class RecordEntry(models.Model):
    """Fields every staff-kept record entry shares: whose, kept by which node, by whom."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("kept by")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "volunteering.view_records"

    class Meta:
        abstract = True

    @classmethod
    def extra_visibility(cls, user, scope):
        return Q(person__user=user)


class TrainingEntry(RecordEntry):
    """Training a volunteer took part in."""

    title = models.CharField(_("training"), max_length=120)
    organiser = models.CharField(_("organiser"), max_length=120, blank=True)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("training entry")
        verbose_name_plural = _("training entries")
        ordering = ["person", "-held_on", "id"]

    def __str__(self):
        return self.title


class AwardEntry(RecordEntry):
    """An award or commendation a volunteer received."""

    title = models.CharField(_("award"), max_length=120)
    awarded_by = models.CharField(_("awarded by"), max_length=120)
    awarded_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("award entry")
        verbose_name_plural = _("award entries")
        ordering = ["person", "-awarded_on", "id"]

    def __str__(self):
        return self.title


class EvaluationEntry(RecordEntry):
    """An evaluation of a volunteer's service over a period."""

    period = models.CharField(_("period"), max_length=40, help_text=_("e.g. 2024"))
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    comment = models.TextField(_("comment"), blank=True)
    evaluated_on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("evaluation entry")
        verbose_name_plural = _("evaluation entries")
        ordering = ["person", "-evaluated_on", "id"]

    def __str__(self):
        return f"{self.period} {self.get_rating_display()}"


class CertificateSequence(models.Model):
    """The last certificate number an issuer gave in a year; locked while a number is taken."""

    issuer = models.ForeignKey("org.Node", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("certificate number sequence")
        verbose_name_plural = _("certificate number sequences")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="certificate_sequence_unique")
        ]

    def __str__(self):
        return f"{self.issuer_id}/{self.year}: {self.last}"


class Certificate(models.Model):
    """A volunteer service certificate (志愿服务记录证明) as issued: its number and a snapshot of
    everything printed on it, so that the same request always gives the same document."""

    number = models.CharField(_("certificate number"), max_length=64, unique=True)
    issuer = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    person = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, related_name="volunteer_certificates"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    snapshot = models.JSONField(_("content"))
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "issuer"
    view_permission = "volunteering.view_records"

    class Meta:
        verbose_name = _("volunteer service certificate")
        verbose_name_plural = _("volunteer service certificates")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "person", "period_start", "period_end"],
                name="certificate_unique_request",
            ),
            models.UniqueConstraint(
                fields=["issuer", "year", "sequence"], name="certificate_unique_sequence"
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("volunteering:certificate_pdf", args=[self.pk])

    @classmethod
    def extra_visibility(cls, user, scope):
        return Q(person__user=user)
