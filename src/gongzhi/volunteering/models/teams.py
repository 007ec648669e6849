"""Service teams, their members, the labels activities carry, and the venues they use."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.volunteering.choices import LabelKind, TeamRole


class Label(models.Model):
    """A programme (爱分享、爱守护、爱解忧) or plan (暖心计划…) that staff define for grouping."""

    kind = models.CharField(_("kind"), max_length=16, choices=LabelKind.choices)
    name = models.CharField(_("name"), max_length=50)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="label_unique_name")]

    def __str__(self):
        return self.name


class ServiceTeam(models.Model):
    """A volunteer service team (志愿服务队) serving a node, with leaders and members."""

    name = models.CharField(_("name"), max_length=100)
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="service_teams", verbose_name=_("serves")
    )
    description = models.TextField(_("description"), blank=True)
    labels = models.ManyToManyField(
        Label, blank=True, related_name="teams", verbose_name=_("programmes and plans")
    )
    members = models.ManyToManyField(
        "org.Person",
        through="volunteering.TeamMembership",
        related_name="service_teams",
        verbose_name=_("members"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service team")
        verbose_name_plural = _("service teams")
        ordering = ["node__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["node", "name"], name="service_team_unique_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("volunteering:team_detail", args=[self.pk])


class TeamMembership(models.Model):
    """A person belongs to a team as leader or member since a date."""

    team = models.ForeignKey(ServiceTeam, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "org.Person", on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["team", "role", "joined_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["team", "person"], name="team_membership_unique")
        ]

    def __str__(self):
        return f"{self.person} · {self.team} · {self.get_role_display()}"


class Venue(models.Model):
    """A place where activities happen: 树下议事厅, 花香书屋…"""

    name = models.CharField(_("name"), max_length=100)
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="venues", verbose_name=_("node")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["node__path", "name"]
        constraints = [models.UniqueConstraint(fields=["node", "name"], name="venue_unique_name")]

    def __str__(self):
        return self.name
