"""Writes to the working-time calendar and working hours.

Every function checks its input, runs in one transaction, writes an audit entry and renews the
clock stamp so that every process reloads the calendar. ``actor=None`` means the system (a
management command, the demo loader); a given actor must hold the permission.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.choices import Level
from gongzhi.worktime.choices import DayKind, DaySource
from gongzhi.worktime.models import CalendarDay, WorkingHours
from gongzhi.worktime.periods import parse_periods, periods_to_json
from gongzhi.worktime.permissions import can_manage_calendar, can_manage_hours
from gongzhi.worktime.published import published_days, published_years
from gongzhi.worktime.snapshot import bump_clock_stamp, lock_clock_stamp

MIN_YEAR, MAX_YEAR = 2000, 2100
DAY_FIELDS = {"kind", "name", "note"}
# Levels that keep office hours of their own; grids and buildings inherit their community's.
HOURS_LEVELS = {Level.DISTRICT, Level.STREET, Level.COMMUNITY}


def _require_calendar_manager(actor) -> None:
    if actor is not None and not can_manage_calendar(actor):
        raise PermissionDenied(
            _("Only staff of the district (or an administrator) may change the calendar.")
        )


def check_calendar_day(*, day: date, kind: str, name: str, note: str) -> dict:
    """Validate one calendar row's values; return kind, name and note cleaned."""
    errors: dict[str, str] = {}
    if not isinstance(day, date) or hasattr(day, "hour"):
        errors["date"] = _("Give a date (YYYY-MM-DD).")
    elif not MIN_YEAR <= day.year <= MAX_YEAR:
        errors["date"] = _("The year must lie between %(min)d and %(max)d.") % {
            "min": MIN_YEAR,
            "max": MAX_YEAR,
        }
    if kind not in DayKind.values:
        errors["kind"] = _("The kind must be a holiday or a make-up workday.")
    elif kind == DayKind.MAKEUP_WORKDAY and "date" not in errors and day.weekday() < 5:
        errors["kind"] = _(
            "A make-up workday must fall on a Saturday or Sunday: weekdays are workdays already."
        )
    name = name.strip() if isinstance(name, str) else None
    note = note.strip() if isinstance(note, str) else None
    if name is None or len(name) > 50:
        errors["name"] = _("The name must be text of at most 50 characters.")
    if note is None or len(note) > 200:
        errors["note"] = _("The note must be text of at most 200 characters.")
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "name": name, "note": note}


def _day_values(day: CalendarDay) -> dict:
    return {"date": day.date, "kind": day.kind, "name": day.name, "note": day.note}


def calendar_day_add(
    *, date: date, kind: str, name: str = "", note: str = "", actor=None
) -> CalendarDay:
    """Record a holiday or make-up workday that staff entered (e.g. a year not yet published)."""
    _require_calendar_manager(actor)
    values = check_calendar_day(day=date, kind=kind, name=name, note=note)
    with transaction.atomic():
        bump_clock_stamp()
        if CalendarDay.objects.filter(date=date).exists():
            raise ValidationError(
                {
                    "date": _("%(date)s is already in the calendar: change that entry instead.")
                    % {"date": date.isoformat()}
                }
            )
        day = CalendarDay.objects.create(date=date, source=DaySource.MANUAL, **values)
        log_action("worktime.calendar_day.added", actor=actor, obj=day, new=_day_values(day))
    return day


def calendar_day_update(*, day: CalendarDay, actor=None, **changes) -> CalendarDay:
    """Change a day's kind, name or note; a published day changed by staff becomes manual."""
    _require_calendar_manager(actor)
    unknown = set(changes) - DAY_FIELDS
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        bump_clock_stamp()
        day = CalendarDay.objects.select_for_update().get(pk=day.pk)
        old = _day_values(day)
        merged = {k: changes.get(k, getattr(day, k)) for k in DAY_FIELDS}
        values = check_calendar_day(day=day.date, **merged)
        for key, value in values.items():
            setattr(day, key, value)
        day.source = DaySource.MANUAL
        day.save(update_fields=[*values, "source", "updated_at"])
        log_action(
            "worktime.calendar_day.changed", actor=actor, obj=day, old=old, new=_day_values(day)
        )
    return day


def calendar_day_remove(*, day: CalendarDay, actor=None) -> None:
    """Remove a day: its date follows the plain week again."""
    _require_calendar_manager(actor)
    with transaction.atomic():
        bump_clock_stamp()
        day = CalendarDay.objects.select_for_update().get(pk=day.pk)
        log_action("worktime.calendar_day.removed", actor=actor, obj=day, old=_day_values(day))
        day.delete()


def default_seed_years(today: date | None = None) -> list[int]:
    """Two years back to next year: what a running deployment needs for open and recent cases."""
    year = (today or timezone.localdate()).year
    return list(range(year - 2, year + 2))


def seed_calendar(years=None, *, actor=None) -> int:
    """Fill the calendar from the published schedule; return how many days were added.

    Idempotent: a date already in the calendar (seeded before, or entered or changed by staff)
    is left as it is. Years the installed schedule does not cover are skipped; the clock counts
    them as plain weeks until staff add their days.
    """
    _require_calendar_manager(actor)
    wanted = sorted(set(default_seed_years() if years is None else years))
    for year in wanted:
        if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(
                {
                    "years": _("%(year)s is not a year between %(min)d and %(max)d.")
                    % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
                }
            )
    known = sorted(set(wanted) & published_years())
    days = published_days(known)
    if not days:
        return 0
    with transaction.atomic():
        lock_clock_stamp()  # a concurrent seed waits here, then sees this one's days
        existing = set(
            CalendarDay.objects.filter(date__gte=days[0].date, date__lte=days[-1].date).values_list(
                "date", flat=True
            )
        )
        new = [
            CalendarDay(date=d.date, kind=d.kind, name=d.name, source=DaySource.PUBLISHED)
            for d in days
            if d.date not in existing
        ]
        if not new:
            return 0
        bump_clock_stamp()
        CalendarDay.objects.bulk_create(new)
        log_action(
            "worktime.calendar.seeded",
            actor=actor,
            data={"years": known, "added": [d.date.isoformat() for d in new]},
        )
    return len(new)


def check_hours_node(node) -> None:
    """Only districts, streets and communities keep hours; grids and buildings inherit."""
    if node.level not in HOURS_LEVELS:
        raise ValidationError(
            {"node": _("Working hours are kept for districts, streets and communities only.")}
        )


def working_hours_set(*, node, periods, note: str = "", actor=None) -> WorkingHours:
    """Give ``node`` its own working periods (its subtree inherits them)."""
    if actor is not None and not can_manage_hours(actor, node):
        raise PermissionDenied(
            _("You may not change the working hours of %(node)s.") % {"node": node}
        )
    check_hours_node(node)
    if not isinstance(note, str) or len(note) > 200:
        raise ValidationError({"note": _("The note must be text of at most 200 characters.")})
    clean = periods_to_json(parse_periods(periods))
    with transaction.atomic():
        bump_clock_stamp()
        hours = WorkingHours.objects.select_for_update().filter(node=node).first()
        old = hours.periods if hours else None
        if hours is None:
            hours = WorkingHours.objects.create(node=node, periods=clean, note=note.strip())
        else:
            hours.periods = clean
            hours.note = note.strip()
            hours.save(update_fields=["periods", "note", "updated_at"])
        log_action(
            "worktime.hours.set",
            actor=actor,
            obj=hours,
            old={"periods": old},
            new={"periods": clean, "node": node.code},
        )
    return hours


def working_hours_clear(*, node, actor=None) -> bool:
    """Remove ``node``'s own hours so that it inherits again; False when it had none."""
    if actor is not None and not can_manage_hours(actor, node):
        raise PermissionDenied(
            _("You may not change the working hours of %(node)s.") % {"node": node}
        )
    with transaction.atomic():
        hours = WorkingHours.objects.select_for_update().filter(node=node).first()
        if hours is None:
            return False
        bump_clock_stamp()
        log_action(
            "worktime.hours.cleared",
            actor=actor,
            obj=hours,
            old={"periods": hours.periods, "node": node.code},
        )
        hours.delete()
    return True
