"""Patrols (巡查): who walked where and when, the grids covered, photos and findings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.enforcement.files import photo_path, thumbnail_path
from gongzhi.org.access import ScopedQuerySet


def empty_route():
    return {"type": "LineString", "coordinates": []}


class Patrol(models.Model):
    """One patrol by a grid worker or inspector.

    ``route`` is a GeoJSON LineString in WGS84 (points from the phone's GPS or drawn on the
    map). ``grids`` are computed from the route by the point→grid index; once someone edits
    them by hand (``grids_edited``) new points no longer change them.
    """

    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="patrols",
        verbose_name=_("inspector"),
    )
    person = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person"),
    )
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("area")
    )
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    route = models.JSONField(_("route"), default=empty_route)
    point_count = models.PositiveIntegerField(_("GPS points"), default=0)
    grids = models.ManyToManyField(
        "org.Node", blank=True, related_name="patrols", verbose_name=_("grids covered")
    )
    grids_edited = models.BooleanField(_("grids edited by hand"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "enforcement.view"

    class Meta:
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="patrol_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["started_at"], name="patrol_started")]

    def __str__(self):
        return f"{self.inspector} {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("enforcement:patrol_detail", args=[self.pk])

    @classmethod
    def extra_visibility(cls, user, scope) -> Q:
        """Everyone sees their own patrols."""
        return Q(inspector=user)

    @property
    def is_running(self) -> bool:
        return self.ended_at is None


class PatrolPhoto(models.Model):
    """A photo taken on a patrol (re-encoded, EXIF removed)."""

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_path)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("patrol photo")
        verbose_name_plural = _("patrol photos")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.patrol} photo"


class PatrolFinding(models.Model):
    """A case opened during a patrol (and the record, when it is an illegal structure)."""

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="findings")
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="patrol_finding"
    )
    record = models.OneToOneField(
        "enforcement.IllegalStructure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="patrol_finding",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("patrol finding")
        verbose_name_plural = _("patrol findings")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.patrol} → {self.case}"
