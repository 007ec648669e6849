"""The points wall (积分墙): who earned most in a month, under a community, grid or building.

Counts positive award entries booked for the month (by when the service happened), leaving out
awards that were reversed. Names are shown as ``Person.display_name``: masked unless the person
chose to be public.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Sum
from django.db.models.functions import Substr

from gongzhi.org.models import Node, Person
from gongzhi.points.choices import AccountKind, TransactionKind
from gongzhi.points.models import Entry
from gongzhi.points.periods import month_bounds

WALL_SIZE = 50


@dataclass(frozen=True)
class WallRow:
    rank: int
    label: str
    points: int
    place: str = ""
    code: str = ""


def _awards(node: Node, year: int, month: int):
    start, end = month_bounds(year, month)
    return Entry.objects.filter(
        account__kind=AccountKind.PERSON,
        amount__gt=0,
        transaction__kind=TransactionKind.AWARD,
        transaction__reversal__isnull=True,
        transaction__occurred_at__gte=start,
        transaction__occurred_at__lt=end,
        account__person__node__path__startswith=node.path,
    )


def _ranked(pairs) -> list[tuple[int, object, int]]:
    """Competition ranking (1, 2, 2, 4) of (key, points) pairs sorted by points, descending."""
    ranked, previous, rank = [], None, 0
    for position, (key, points) in enumerate(pairs, start=1):
        if points != previous:
            rank, previous = position, points
        ranked.append((rank, key, points))
    return ranked


def wall_people(node: Node, year: int, month: int, limit: int = WALL_SIZE) -> list[WallRow]:
    """The people under ``node`` with most points earned in the month, best first."""
    totals = list(
        _awards(node, year, month)
        .values_list("account__person")
        .annotate(total=Sum("amount"))
        .order_by("-total", "account__person")[:limit]
    )
    people = Person.objects.select_related("node").in_bulk([pk for pk, _total in totals])
    return [
        WallRow(rank=rank, label=people[pk].display_name, points=points, place=people[pk].node.name)
        for rank, pk, points in _ranked(totals)
    ]


def wall_children(node: Node, year: int, month: int) -> list[WallRow]:
    """The grids of a community (or buildings of a grid…) by points earned in the month."""
    below = Node.objects.filter(path__startswith=node.path, depth=node.depth + 1)
    children = {child.path: child for child in below}
    if not children:
        return []
    prefix = len(node.path) + node.steplen
    totals = dict(
        _awards(node, year, month)
        .annotate(branch=Substr("account__person__node__path", 1, prefix))
        .values_list("branch")
        .annotate(total=Sum("amount"))
        .values_list("branch", "total")
    )
    pairs = sorted(
        ((path, totals.get(path, 0)) for path in children),
        key=lambda item: (-item[1], children[item[0]].name),
    )
    return [
        WallRow(rank=rank, label=children[path].name, points=points, code=children[path].code)
        for rank, path, points in _ranked(pairs)
    ]
