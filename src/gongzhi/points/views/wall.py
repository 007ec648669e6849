"""The public points wall (积分墙)."""

from __future__ import annotations

import re

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from gongzhi.org.choices import LEVEL_ORDER, Level
from gongzhi.org.models import Node
from gongzhi.points.models import PointsRule
from gongzhi.points.wall import wall_children, wall_people

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month(value: str | None) -> tuple[int, int]:
    today = timezone.localdate()
    match = _MONTH.match(value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= today.year + 1 and 1 <= month <= 12:
            return year, month
    return today.year, today.month


def _shift(year: int, month: int, by: int) -> str:
    index = year * 12 + (month - 1) + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def wall_index(request):
    communities = Node.objects.filter(
        level=Level.COMMUNITY, pk__in=PointsRule.objects.values("community")
    )
    return render(request, "points/wall_index.html", {"communities": communities})


def wall(request, code):
    node = Node.objects.filter(code=code).first()
    if node is None or LEVEL_ORDER.index(node.level) < LEVEL_ORDER.index(Level.COMMUNITY):
        raise Http404
    year, month = _month(request.GET.get("month"))
    context = {
        "node": node,
        "trail": node.ancestors(include_self=True).filter(
            level__in=[Level.COMMUNITY, Level.GRID, Level.MICROGRID, Level.BUILDING]
        ),
        "month": f"{year:04d}-{month:02d}",
        "previous": _shift(year, month, -1),
        "next": _shift(year, month, 1),
        "people": wall_people(node, year, month),
        "branches": wall_children(node, year, month),
    }
    return render(request, "points/wall.html", context)
