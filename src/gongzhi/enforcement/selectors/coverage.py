"""Patrol coverage: per grid and ISO week, whether anyone patrolled it (a fixed number of
queries whatever the number of grids and weeks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.models import Patrol
from gongzhi.org.access import subtree_q, user_scope
from gongzhi.org.choices import Level
from gongzhi.org.models import Node

MAX_WEEKS = 26


@dataclass
class CoverageRow:
    grid: Node
    counts: list[int]  # patrols per week, oldest first

    @property
    def covered_weeks(self) -> int:
        return sum(1 for c in self.counts if c)


def week_starts(weeks: int, today: dt.date | None = None) -> list[dt.date]:
    """The Mondays of the last ``weeks`` ISO weeks, oldest first (this week last)."""
    today = today or timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def coverage(user, *, root=None, weeks: int = 8, today: dt.date | None = None):
    """(week starts, rows): the grids under ``root`` that ``user`` may see, each with the number
    of patrols that covered it in each week."""
    weeks = max(1, min(MAX_WEEKS, weeks))
    starts = week_starts(weeks, today)
    grids = Node.objects.filter(level=Level.GRID)
    scope = user_scope(user)
    if not scope.is_global:
        grids = grids.filter(subtree_q("", scope.paths_for(perms.VIEW)))
    if root is not None:
        grids = grids.filter(path__startswith=root.path)
    grids = list(grids.order_by("path"))
    begin = timezone.make_aware(dt.datetime.combine(starts[0], dt.time.min))
    links = (
        Patrol.grids.through.objects.filter(
            node_id__in=[g.pk for g in grids], patrol__started_at__gte=begin
        )
        .annotate(day=TruncDate("patrol__started_at"))
        .values("node_id", "day")
        .annotate(n=Count("patrol_id", distinct=True))
    )
    index = {start: i for i, start in enumerate(starts)}
    counts: dict[int, list[int]] = {g.pk: [0] * weeks for g in grids}
    for link in links:
        day = link["day"]
        monday = day - dt.timedelta(days=day.weekday())
        if monday in index:
            counts[link["node_id"]][index[monday]] += link["n"]
    return starts, [CoverageRow(grid=g, counts=counts[g.pk]) for g in grids]
