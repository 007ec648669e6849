"""Activities, the people signed up for them and their attendance."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.volunteering.choices import (
    PUBLIC_STATES,
    ActivityState,
    Audience,
    CheckMethod,
    SignupState,
    TeamRole,
)
from gongzhi.volunteering.models.teams import TeamMembership


def _led_team_ids(user):
    """The teams ``user`` leads as a member, as a subquery."""
    return TeamMembership.objects.filter(person__user=user, role=TeamRole.LEADER).values("team_id")


class ActivityQuerySet(ScopedQuerySet):
    def public(self):
        """What anyone may see without logging in."""
        return self.filter(state__in=PUBLIC_STATES)


class Activity(models.Model):
    """A volunteer activity a team runs at a venue or a free location, with a sign-up window.

    Leaders see and run it through the node scope (``volunteering.lead``) or by leading its
    team; the public sees it once published.
    """

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    team = models.ForeignKey(
        "volunteering.ServiceTeam",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("team"),
    )
    labels = models.ManyToManyField(
        "volunteering.Label",
        blank=True,
        related_name="activities",
        verbose_name=_("programmes and plans"),
    )
    node = models.ForeignKey(
        "org.Node", on_delete=models.PROTECT, related_name="activities", verbose_name=_("area")
    )
    venue = models.ForeignKey(
        "volunteering.Venue",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("venue"),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"))
    signup_opens_at = models.DateTimeField(_("sign-up opens at"))
    signup_closes_at = models.DateTimeField(_("sign-up closes at"))
    audience = models.CharField(
        _("who may sign up"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=ActivityState.choices,
        default=ActivityState.DRAFT,
        db_index=True,
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    scope_node_field = "node"
    view_permission = "volunteering.lead"

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="activity_capacity_positive"),
            models.CheckConstraint(
                condition=Q(signup_closes_at__gt=models.F("signup_opens_at")),
                name="activity_signup_window_order",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("volunteering:activity_detail", args=[self.pk])

    @classmethod
    def extra_visibility(cls, user, scope):
        """A team's leader members see their team's activities, drafts included."""
        return Q(team_id__in=_led_team_ids(user))

    @property
    def place(self) -> str:
        return self.venue.name if self.venue_id else self.location

    @property
    def span_hours(self) -> Decimal:
        seconds = Decimal((self.ends_at - self.starts_at).total_seconds())
        return (seconds / Decimal(3600)).quantize(Decimal("0.01"))


class Signup(models.Model):
    """A person's place on an activity: confirmed, on the waiting list, or cancelled.

    One row per person and activity; signing up again after cancelling reuses the row and goes
    to the back of the queue (``signed_up_at`` is reset), so the waiting list is FIFO by it.
    """

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="signups")
    state = models.CharField(_("state"), max_length=12, choices=SignupState.choices)
    signed_up_at = models.DateTimeField(_("signed up at"))
    changed_at = models.DateTimeField(_("changed at"))

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "activity__node"
    view_permission = "volunteering.lead"

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["activity", "signed_up_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="signup_unique_person")
        ]
        indexes = [models.Index(fields=["activity", "state", "signed_up_at"])]

    def __str__(self):
        return f"{self.person} · {self.activity} · {self.get_state_display()}"

    @classmethod
    def extra_visibility(cls, user, scope):
        return Q(person__user=user) | Q(activity__team_id__in=_led_team_ids(user))


class Attendance(models.Model):
    """A volunteer's check-in and check-out at an activity and the service hours they earned.

    ``hours`` is set at check-out (clipped to the activity's span) or by a leader's adjustment;
    ``hours_rewarded`` is how many of them have been passed on to the points ledger.
    """

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="attendances")
    check_in_at = models.DateTimeField(_("checked in at"))
    check_in_method = models.CharField(
        _("check-in method"), max_length=16, choices=CheckMethod.choices
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    check_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    check_out_method = models.CharField(
        _("check-out method"), max_length=16, choices=CheckMethod.choices, blank=True
    )
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hours = models.DecimalField(
        _("service hours"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    hours_adjusted = models.BooleanField(_("hours adjusted"), default=False)
    adjustment_reason = models.CharField(_("reason for adjustment"), max_length=300, blank=True)
    hours_rewarded = models.DecimalField(
        _("hours rewarded with points"), max_digits=6, decimal_places=2, default=Decimal("0")
    )

    objects = ScopedQuerySet.as_manager()

    scope_node_field = "activity__node"
    view_permission = "volunteering.view_records"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["activity", "check_in_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="attendance_unique_person"),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0), name="attendance_hours_positive"
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.activity}"

    @classmethod
    def extra_visibility(cls, user, scope):
        return Q(person__user=user) | Q(activity__team_id__in=_led_team_ids(user))
