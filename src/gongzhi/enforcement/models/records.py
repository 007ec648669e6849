"""The illegal-structure record (违建档案), its photos, revisits and escalations."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.enforcement.choices import (
    FINAL_STATES,
    OPEN_STATES,
    DemolitionMethod,
    FoundBy,
    PhotoStage,
    RecordState,
    RevisitOutcome,
    StructureType,
)
from gongzhi.enforcement.files import photo_path, thumbnail_path
from gongzhi.org.access import ScopedQuerySet

# The largest area a single record may claim: a whole storey of a large building. Anything more
# is a typing mistake (an extra zero), not a structure.
MAX_AREA = Decimal("5000")
AREA_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AREA)]


class StructureQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def overdue(self, now):
        return self.filter(step_deadline_at__lt=now).exclude(state__in=FINAL_STATES)

    def in_subtree(self, node):
        return self.filter(node__path__startswith=node.path)


class IllegalStructure(models.Model):
    """One illegal structure and the procedure against it, from finding to the last revisit.

    Attached to the case it was reported as (none for records imported from an old ledger).
    ``state`` moves only through the services in ``gongzhi.enforcement.services``, following
    the one table in ``gongzhi.enforcement.procedure``. ``step_*`` is the clock of the step the
    record waits on, counted on the working-time calendar; ``last_revisit_*`` roll the latest
    revisit into the ledger.
    """

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    authority = models.ForeignKey(
        "enforcement.EnforcementAuthority",
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=_("authority"),
    )
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("grid")
    )
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="illegal_structure",
        verbose_name=_("case"),
    )
    patrol = models.ForeignKey(
        "enforcement.Patrol",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
        verbose_name=_("found on patrol"),
    )
    relapse_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relapses",
        verbose_name=_("relapse of"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.CharField(_("address of the structure"), max_length=200)
    party_name = models.CharField(_("responsible party"), max_length=100, blank=True)
    party_address = models.CharField(_("party's address"), max_length=200, blank=True)
    party_phone = models.CharField(_("party's phone"), max_length=20, blank=True)
    structure_type = models.CharField(
        _("structure type"), max_length=16, choices=StructureType.choices
    )
    found_by = models.CharField(_("found by"), max_length=12, choices=FoundBy.choices)
    area_found = models.DecimalField(
        _("measured area (m²)"), max_digits=8, decimal_places=2, validators=AREA_VALIDATORS
    )
    description = models.TextField(_("what was found"), blank=True)
    facts = models.TextField(_("facts established"), blank=True)
    found_at = models.DateTimeField(_("found at"))
    state = models.CharField(
        _("state"), max_length=20, choices=RecordState.choices, default=RecordState.FOUND
    )
    step_seq = models.PositiveIntegerField(_("step number"), default=0)
    step_started_at = models.DateTimeField(_("step started"), null=True, blank=True)
    step_deadline_at = models.DateTimeField(_("step deadline"), null=True, blank=True)
    was_overdue = models.BooleanField(_("was overdue"), default=False)
    investigated_at = models.DateTimeField(_("investigated at"), null=True, blank=True)
    self_demolition_deadline = models.DateField(
        _("self-demolition deadline"), null=True, blank=True
    )
    forced_deadline_at = models.DateTimeField(_("forced demolition due"), null=True, blank=True)
    demolished_on = models.DateField(_("demolished on"), null=True, blank=True)
    demolition_method = models.CharField(
        _("demolished by"), max_length=8, choices=DemolitionMethod.choices, blank=True
    )
    area_removed = models.DecimalField(
        _("area removed (m²)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=AREA_VALIDATORS,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)
    last_revisit_on = models.DateField(_("last revisit"), null=True, blank=True)
    last_revisit_outcome = models.CharField(
        _("last revisit result"), max_length=12, choices=RevisitOutcome.choices, blank=True
    )
    legacy_numbers = models.JSONField(
        _("document numbers from the old ledger"), default=dict, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = StructureQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "enforcement.view"

    class Meta:
        verbose_name = _("illegal structure")
        verbose_name_plural = _("illegal structures")
        ordering = ["-found_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(area_found__gt=0), name="structure_area_positive"),
            models.CheckConstraint(
                condition=Q(area_removed__isnull=True) | Q(area_removed__gt=0),
                name="structure_removed_positive",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True) | (Q(lat__gte=-90) & Q(lat__lte=90)),
                name="structure_lat_range",
            ),
            models.CheckConstraint(
                condition=Q(lon__isnull=True) | (Q(lon__gte=-180) & Q(lon__lte=180)),
                name="structure_lon_range",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "step_deadline_at"], name="structure_state_deadline"),
            models.Index(fields=["node", "state"], name="structure_node_state"),
            models.Index(fields=["found_at"], name="structure_found_at"),
            models.Index(fields=["lat", "lon"], name="structure_latlon"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("enforcement:record_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class StructurePhoto(models.Model):
    """A photo of the structure before or after demolition, or at a revisit (EXIF removed)."""

    record = models.ForeignKey(IllegalStructure, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(_("stage"), max_length=8, choices=PhotoStage.choices)
    image = models.FileField(_("photo"), upload_to=photo_path)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path)
    revisit = models.ForeignKey(
        "enforcement.StructureRevisit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="photos",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "record__node"
    view_permission = "enforcement.view"

    class Meta:
        verbose_name = _("structure photo")
        verbose_name_plural = _("structure photos")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.record} {self.stage}"


class StructureRevisit(models.Model):
    """A revisit (回头看) due some days after demolition; a relapse opens a new linked record."""

    record = models.ForeignKey(IllegalStructure, on_delete=models.CASCADE, related_name="revisits")
    seq = models.PositiveSmallIntegerField(_("revisit number"))
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("done by"),
    )
    outcome = models.CharField(
        _("result"), max_length=12, choices=RevisitOutcome.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    relapse_record = models.OneToOneField(
        IllegalStructure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="found_at_revisit",
        verbose_name=_("new record"),
    )

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "record__node"
    view_permission = "enforcement.view"

    class Meta:
        verbose_name = _("revisit")
        verbose_name_plural = _("revisits")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["record", "seq"], name="structure_revisit_seq")
        ]
        indexes = [models.Index(fields=["done_at", "due_on"], name="structure_revisit_due")]

    def __str__(self):
        return f"{self.record} #{self.seq} → {self.due_on}"


class StructureSupervision(models.Model):
    """One escalation (督办) of one overdue step of a record.

    Unique per (record, step_seq): the sweep creates, and notifies, once per overdue step.
    """

    record = models.ForeignKey(
        IllegalStructure, on_delete=models.CASCADE, related_name="supervisions"
    )
    state = models.CharField(_("step"), max_length=20, choices=RecordState.choices)
    step_seq = models.PositiveIntegerField(_("step number"))
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("escalated to")
    )
    deadline_at = models.DateTimeField(_("missed deadline"))
    notified_count = models.PositiveIntegerField(_("people notified"), default=0)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "record__node"
    view_permission = "enforcement.view"

    class Meta:
        verbose_name = _("enforcement supervision")
        verbose_name_plural = _("enforcement supervisions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "step_seq"], name="structure_supervision_once"
            )
        ]

    def __str__(self):
        return f"{self.record} {self.state} #{self.step_seq}"
