"""Reads for the calendar and working-hours pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongzhi.org.access import subtree_q, user_scope
from gongzhi.org.models import Node
from gongzhi.worktime.choices import DayKind
from gongzhi.worktime.models import CalendarDay, WorkingHours
from gongzhi.worktime.periods import DEFAULT_PERIODS, Periods, parse_periods
from gongzhi.worktime.permissions import MANAGE_HOURS
from gongzhi.worktime.published import published_years
from gongzhi.worktime.services import HOURS_LEVELS


def calendar_days(year: int):
    """The calendar rows of one year, by date."""
    return CalendarDay.objects.filter(date__year=year).order_by("date")


def years_without_holidays(today: date | None = None) -> list[int]:
    """This year and next year, where no holiday is recorded (the clock counts plain weeks)."""
    year = (today or timezone.localdate()).year
    wanted = [year, year + 1]
    recorded = set(
        CalendarDay.objects.filter(kind=DayKind.HOLIDAY, date__year__in=wanted)
        .values_list("date__year", flat=True)
        .distinct()
    )
    return [y for y in wanted if y not in recorded]


def seedable_years(years) -> list[int]:
    """Which of ``years`` the installed published schedule covers."""
    return sorted(set(years) & published_years())


def _own_hours_by_path(paths=None) -> dict[str, tuple[WorkingHours, Periods | None]]:
    rows = WorkingHours.objects.select_related("node")
    if paths is not None:
        rows = rows.filter(node__path__in=list(paths))
    result = {}
    for row in rows:
        try:
            result[row.node.path] = (row, parse_periods(row.periods))
        except ValidationError:  # a broken row is shown, not applied
            result[row.node.path] = (row, None)
    return result


@dataclass(frozen=True)
class HoursView:
    """A node's working hours as a page shows them."""

    node: Node
    own: WorkingHours | None
    periods: Periods
    inherited_from: Node | None  # None: own hours, or the built-in default when own is None


def _prefixes(path: str) -> list[str]:
    return [path[:end] for end in range(Node.steplen, len(path) + 1, Node.steplen)]


def _resolve(node: Node, own_by_path) -> HoursView:
    own_row = own_by_path.get(node.path)
    for prefix in reversed(_prefixes(node.path)):
        found = own_by_path.get(prefix)
        if found is not None and found[1] is not None:
            source = None if prefix == node.path else found[0].node
            return HoursView(node, own_row[0] if own_row else None, found[1], source)
    return HoursView(node, own_row[0] if own_row else None, DEFAULT_PERIODS, None)


def hours_for_node(node: Node) -> HoursView:
    """The hours that apply to ``node`` and where they come from (two queries)."""
    return _resolve(node, _own_hours_by_path(_prefixes(node.path)))


def hours_overview(user) -> list[HoursView]:
    """Every district, street and community whose hours ``user`` may set, with their hours."""
    nodes = Node.objects.filter(level__in=HOURS_LEVELS)
    scope = user_scope(user)
    if not scope.is_global:
        nodes = nodes.filter(subtree_q("", scope.paths_for(MANAGE_HOURS)))
    nodes = list(nodes.order_by("path"))
    # One row per community at most: loading them all is cheaper than a long IN list.
    own_by_path = _own_hours_by_path()
    return [_resolve(node, own_by_path) for node in nodes]
