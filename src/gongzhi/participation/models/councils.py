"""Councils (议事会): agenda, invitations, attendance, minutes and resolutions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.org.choices import Level
from gongzhi.participation.choices import (
    AttendanceMethod,
    CouncilKind,
    CouncilState,
    InviteeKind,
    ResolutionOutcome,
)


class CouncilQuerySet(ScopedQuerySet):
    def public(self):
        """Councils whose minutes are out: the public sees what was decided."""
        return self.filter(state__in=[CouncilState.MINUTES_PUBLISHED, CouncilState.CLOSED])


class Council(models.Model):
    """A council meeting of a node (community, grid or microgrid group).

    Its state moves only through ``participation.services.councils``; ``short_code`` is what
    attendees type in when they cannot scan the QR code.
    """

    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="councils", verbose_name=_("area")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=CouncilKind.choices, default=CouncilKind.MONTHLY
    )
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("date and time"), db_index=True)
    place = models.CharField(_("place"), max_length=120)
    convener = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="convened_councils",
        verbose_name=_("convener"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=CouncilState.choices,
        default=CouncilState.PLANNED,
        db_index=True,
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    short_code = models.CharField(_("attendance code"), max_length=8, unique=True)
    labels = models.ManyToManyField(
        "volunteering.Label", blank=True, related_name="councils", verbose_name=_("programmes")
    )
    notice_sent_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = CouncilQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "participation.view"

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["node", "starts_at"], name="council_node_month")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:council_detail", args=[self.pk])


class AgendaItem(models.Model):
    """One item on a council's agenda, with the discussion the minutes record for it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(_("position"), default=1)
    title = models.CharField(_("agenda item"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    discussion = models.TextField(_("discussion"), blank=True)
    demand = models.ForeignKey(
        "participation.Demand",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        verbose_name=_("demand"),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["council", "position", "id"]

    def __str__(self):
        return self.title


class Invitation(models.Model):
    """A party or a person invited to a council."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(_("kind"), max_length=8, choices=InviteeKind.choices)
    party = models.ForeignKey(
        "org.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["council", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "party"],
                condition=Q(party__isnull=False),
                name="invitation_unique_party",
            ),
            models.UniqueConstraint(
                fields=["council", "person"],
                condition=Q(person__isnull=False),
                name="invitation_unique_person",
            ),
            models.CheckConstraint(
                condition=(Q(kind="party", party__isnull=False, person__isnull=True))
                | (Q(kind="person", person__isnull=False, party__isnull=True)),
                name="invitation_one_invitee",
            ),
        ]

    def __str__(self):
        return str(self.party or self.person)


class CouncilAttendance(models.Model):
    """A person present at a council: once per person and council, by the unique constraint."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, related_name="council_attendances"
    )
    method = models.CharField(_("how"), max_length=12, choices=AttendanceMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended_at = models.DateTimeField(_("time"), default=timezone.now)
    points_awarded = models.BooleanField(_("points awarded"), default=False)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "council__node"
    view_permission = "participation.view"

    class Meta:
        verbose_name = _("council attendance")
        verbose_name_plural = _("council attendances")
        ordering = ["council", "attended_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"], name="council_attendance_unique_person"
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.council}"


class Resolution(models.Model):
    """A decision in a council's minutes; it may become a task or a case (linked both ways)."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="resolutions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolutions"
    )
    text = models.TextField(_("resolution"))
    outcome = models.CharField(
        _("becomes"),
        max_length=8,
        choices=ResolutionOutcome.choices,
        default=ResolutionOutcome.NONE,
    )
    task = models.OneToOneField(
        "participation.Task",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolution",
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("case"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["council", "id"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_done(self) -> bool:
        """Done when its task is done or its case closed; a plain record counts as done."""
        if self.task_id:
            return self.task.state == "done"
        if self.case_id:
            return self.case.state == "closed"
        return True


class CompliancePolicy(models.Model):
    """Whether the nodes of one level must hold a council every month (community policy)."""

    level = models.CharField(_("level"), max_length=12, choices=Level.choices, unique=True)
    monthly_required = models.BooleanField(_("must hold a monthly council"), default=True)

    class Meta:
        verbose_name = _("council compliance rule")
        verbose_name_plural = _("council compliance rules")
        ordering = ["level"]

    def __str__(self):
        return f"{self.get_level_display()}: {self.monthly_required}"
