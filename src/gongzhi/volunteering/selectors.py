"""Reads of the volunteering app, with their related rows fetched up front."""

from __future__ import annotations

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from gongzhi.core.masking import mask_id_number
from gongzhi.org.choices import Level
from gongzhi.volunteering.choices import ActivityState, SignupState, TeamRole
from gongzhi.volunteering.models import (
    Activity,
    Attendance,
    AwardEntry,
    Certificate,
    EvaluationEntry,
    ServiceTeam,
    Signup,
    TeamMembership,
    TrainingEntry,
)


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the current time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def with_counts(queryset):
    """Activities annotated with their confirmed and waiting counts."""
    return queryset.annotate(
        confirmed_count=Count("signups", filter=Q(signups__state=SignupState.CONFIRMED)),
        waiting_count=Count("signups", filter=Q(signups__state=SignupState.WAITLISTED)),
    )


def _activity_list(queryset):
    return with_counts(
        queryset.select_related("team", "venue", "node").prefetch_related("labels")
    ).order_by("starts_at", "id")


def calendar_range(view: str, anchor: date) -> tuple[date, date]:
    """The first and last day shown by a month or week view around ``anchor``."""
    if view == "week":
        first = anchor - timedelta(days=anchor.weekday())
        return first, first + timedelta(days=6)
    last_day = pycalendar.monthrange(anchor.year, anchor.month)[1]
    return anchor.replace(day=1), anchor.replace(day=last_day)


def public_activities(*, first: date, last: date, label_id: int | None = None):
    """Published and finished activities starting between two days (inclusive)."""
    queryset = Activity.objects.public().filter(
        starts_at__gte=day_start(first), starts_at__lt=day_start(last + timedelta(days=1))
    )
    if label_id:
        queryset = queryset.filter(labels__id=label_id)
    return _activity_list(queryset)


def activity_detail(queryset, pk: int) -> Activity | None:
    return _activity_list(queryset.filter(pk=pk)).select_related("report").first()


def leadable_activities(user):
    """Activities the user may run, most recent first."""
    return _activity_list(
        Activity.objects.visible_to(user).exclude(state=ActivityState.CANCELLED)
    ).order_by("-starts_at", "-id")


def team_list():
    return (
        ServiceTeam.objects.filter(is_active=True)
        .select_related("node")
        .prefetch_related("labels")
        .annotate(
            member_count=Count("memberships", distinct=True),
            activity_count=Count(
                "activities",
                filter=Q(activities__state__in=[ActivityState.PUBLISHED, ActivityState.FINISHED]),
                distinct=True,
            ),
        )
        .order_by("node__path", "name")
    )


def team_detail(pk: int) -> ServiceTeam | None:
    leaders = TeamMembership.objects.filter(role=TeamRole.LEADER).select_related("person")
    return (
        ServiceTeam.objects.filter(pk=pk, is_active=True)
        .select_related("node")
        .prefetch_related("labels", Prefetch("memberships", leaders, to_attr="leader_memberships"))
        .annotate(member_count=Count("memberships"))
        .first()
    )


def roster(activity: Activity) -> list[Signup]:
    """Confirmed and waiting sign-ups with each person's attendance (``signup.attendance``)."""
    signups = list(
        Signup.objects.filter(activity=activity)
        .exclude(state=SignupState.CANCELLED)
        .select_related("person")
        .order_by("state", "signed_up_at", "id")
    )
    attendances = {a.person_id: a for a in Attendance.objects.filter(activity=activity)}
    for signup in signups:
        signup.attendance = attendances.get(signup.person_id)
    return signups


def my_signups(person):
    return (
        Signup.objects.filter(person=person)
        .select_related("activity", "activity__venue", "activity__team")
        .order_by("-activity__starts_at", "-id")
    )


@dataclass
class ServiceRow:
    """One line of a volunteer's service: what they did, when, for whom, for how long."""

    activity_id: int
    date: date
    title: str
    team: str
    labels: list[str]
    hours: Decimal
    adjusted: bool


@dataclass
class VolunteerRecord:
    """A volunteer's record as the national volunteer-service record rules list it."""

    person: object
    masked_id_number: str
    service: list[ServiceRow] = field(default_factory=list)
    training: list = field(default_factory=list)
    awards: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    certificates: list = field(default_factory=list)

    @property
    def total_hours(self) -> Decimal:
        return sum((row.hours for row in self.service), Decimal("0.00"))


def service_rows(person, *, start: date | None = None, end: date | None = None) -> list[ServiceRow]:
    """The activities ``person`` served with hours, oldest first, optionally within two days."""
    queryset = (
        Attendance.objects.filter(person=person, hours__isnull=False)
        .exclude(activity__state=ActivityState.CANCELLED)
        .select_related("activity", "activity__team")
        .prefetch_related("activity__labels")
        .order_by("activity__starts_at", "activity_id")
    )
    if start is not None:
        queryset = queryset.filter(activity__starts_at__gte=day_start(start))
    if end is not None:
        queryset = queryset.filter(activity__starts_at__lt=day_start(end + timedelta(days=1)))
    return [
        ServiceRow(
            activity_id=a.activity_id,
            date=timezone.localdate(a.activity.starts_at),
            title=a.activity.title,
            team=a.activity.team.name,
            labels=[label.name for label in a.activity.labels.all()],
            hours=a.hours,
            adjusted=a.hours_adjusted,
        )
        for a in queryset
    ]


def volunteer_record(person) -> VolunteerRecord:
    """Everything on ``person``'s volunteer record."""
    return VolunteerRecord(
        person=person,
        masked_id_number=mask_id_number(person.id_number),
        service=service_rows(person),
        training=list(TrainingEntry.objects.filter(person=person)),
        awards=list(AwardEntry.objects.filter(person=person)),
        evaluations=list(EvaluationEntry.objects.filter(person=person)),
        certificates=list(Certificate.objects.filter(person=person).order_by("-issued_on", "-id")),
    )


def issuing_community(person):
    """The community that issues ``person``'s certificates: the community their node lies in."""
    node = person.node
    if node.level == Level.COMMUNITY:
        return node
    return node.ancestors().filter(level=Level.COMMUNITY).first()


def public_service_figures(*, node, start, end) -> dict:
    """For the public portal: activities held (published or finished) under ``node`` starting in
    [start, end), and the service hours volunteers earned at them. Two queries."""
    activities = Activity.objects.public().filter(
        node__path__startswith=node.path, starts_at__gte=start, starts_at__lt=end
    )
    hours = Attendance.objects.filter(activity__in=activities, hours__isnull=False).aggregate(
        total=Sum("hours")
    )["total"]
    return {"activities": activities.count(), "hours": hours or Decimal("0.00")}
