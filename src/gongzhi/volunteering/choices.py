"""Choices of the volunteering app and the allowed state transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamRole(models.TextChoices):
    LEADER = "leader", _("team leader")
    MEMBER = "member", _("team member")


class LabelKind(models.TextChoices):
    """Communities group their activities under programmes (爱分享…) and plans (暖心计划…)."""

    PROGRAMME = "programme", _("programme")
    PLAN = "plan", _("plan")


class Audience(models.TextChoices):
    """Who may sign up for an activity."""

    EVERYONE = "everyone", _("everyone")
    RESIDENTS = "residents", _("residents of the area")
    TEAM_MEMBERS = "team_members", _("members of the team")
    PARTY_MEMBERS = "party_members", _("party members")


class ActivityState(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")
    FINISHED = "finished", _("finished")


ACTIVITY_TRANSITIONS = {
    ActivityState.DRAFT: {ActivityState.PUBLISHED, ActivityState.CANCELLED},
    ActivityState.PUBLISHED: {ActivityState.CANCELLED, ActivityState.FINISHED},
    ActivityState.CANCELLED: set(),
    ActivityState.FINISHED: set(),
}

# What the public calendar shows.
PUBLIC_STATES = (ActivityState.PUBLISHED, ActivityState.FINISHED)


class SignupState(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class CheckMethod(models.TextChoices):
    """How a check-in or check-out was made."""

    PERSONAL_CODE = "personal_code", _("leader scanned the volunteer's code")
    ACTIVITY_CODE = "activity_code", _("volunteer scanned the activity's code")
    MANUAL = "manual", _("entered by the leader")


class CodePurpose(models.TextChoices):
    """What an activity's rotating code is shown for."""

    CHECK_IN = "in", _("check-in")
    CHECK_OUT = "out", _("check-out")


class Rating(models.TextChoices):
    """The result of a volunteer's evaluation."""

    EXCELLENT = "excellent", _("excellent")
    GOOD = "good", _("good")
    PASS = "pass", _("satisfactory")
    NEEDS_IMPROVEMENT = "needs_improvement", _("needs improvement")
