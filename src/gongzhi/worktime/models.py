"""The working-time calendar and working hours, kept by staff in the database."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import ScopedQuerySet
from gongzhi.worktime.choices import DayKind, DaySource
from gongzhi.worktime.periods import parse_periods, periods_to_text


class CalendarDay(models.Model):
    """One exception to the plain week: a holiday on a weekday, or a weekend make-up workday.

    Dates without a row follow the week: Monday–Friday are workdays, Saturday and Sunday rest
    days. Rows are filled from the published national schedule (``gongzhi seed_calendar``) and
    kept by staff for years the schedule does not cover yet. The calendar is district-wide.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=50, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=16, choices=DaySource.choices, default=DaySource.MANUAL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self):
        label = self.name or self.get_kind_display()
        return f"{self.date.isoformat()} {label}"

    @property
    def is_workday(self) -> bool:
        return self.kind == DayKind.MAKEUP_WORKDAY


class WorkingHours(models.Model):
    """The working periods of a node's workdays (usually a community's office hours).

    A node without its own row uses its nearest ancestor's; with none on the path, the default
    08:30–12:00 and 13:30–17:30 applies. ``periods`` is a JSON list of ``["HH:MM", "HH:MM"]``
    pairs, validated by ``gongzhi.worktime.periods.parse_periods``.
    """

    node = models.OneToOneField(
        "org.Node",
        on_delete=models.CASCADE,
        related_name="working_hours",
        verbose_name=_("node"),
    )
    periods = models.JSONField(_("working periods"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_node_field = "node"
    view_permission = "worktime.manage_hours"

    class Meta:
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        ordering = ["node__path"]

    def __str__(self):
        try:
            return f"{self.node} {periods_to_text(parse_periods(self.periods))}"
        except ValidationError:  # a broken row must still print in admin and logs
            return f"{self.node} {self.periods!r}"


class ClockStamp(models.Model):
    """A single row whose token changes whenever the calendar or any working hours change.

    Each process keeps the loaded calendar with the token it was loaded under and reloads when
    the token in the database differs. A random token, not a counter, so that a rolled-back
    change can never leave two different calendars under the same stamp.
    """

    token = models.CharField(max_length=32, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("working-time version")
        verbose_name_plural = _("working-time versions")

    def __str__(self):
        return self.token
