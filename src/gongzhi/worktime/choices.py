from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """What a calendar row says about its date; dates without a row follow the weekday."""

    HOLIDAY = "holiday", _("holiday")
    MAKEUP_WORKDAY = "makeup_workday", _("make-up workday")


class DaySource(models.TextChoices):
    """Where a calendar row came from."""

    PUBLISHED = "published", _("published schedule")
    MANUAL = "manual", _("entered by staff")


class SlaStatus(models.TextChoices):
    """How far a timed step has used its working-time limit."""

    GREEN = "green", _("on time")
    YELLOW = "yellow", _("due soon")
    RED = "red", _("overdue")


class TimeUnit(models.TextChoices):
    HOURS = "hours", _("working hours")
    DAYS = "days", _("working days")
