"""The participation app in the portal: the latest approved praise-board photos, demands done
out of raised this month, the task list's progress, and on a grid's card the councils it held
in recent months. Everything comes through participation's public selectors and
``participation.public`` (the scrubber)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from gongzhi.participation import public, selectors
from gongzhi.participation.choices import Board
from gongzhi.portal.sections import Section, register_section

PHOTOS = 6
COUNCIL_MONTHS = 3


def _url(name, **params) -> str:
    return reverse(f"participation:{name}") + "?" + urlencode(params)


def block(request, node) -> dict | None:
    now = timezone.localtime()
    month = (now.year, now.month)
    code = node.code if node is not None else ""
    photos = [
        public.post(p)
        for p in selectors.public_posts(board=Board.PRAISE, node=node).order_by(
            "-created_at", "-id"
        )[:PHOTOS]
    ]
    demands = selectors.demand_totals(node=node, month=month)
    tasks = selectors.task_totals(node=node)
    return {
        "photos": photos,
        "boards_url": _url("boards", board=Board.PRAISE, node=code),
        "demands": demands,
        "demands_url": _url("demands", node=code, month=f"{now:%Y-%m}"),
        "tasks": tasks,
        "tasks_percent": round(100 * tasks["done"] / tasks["total"]) if tasks["total"] else 0,
        "tasks_url": _url("tasks", node=code),
    }


def grid(node) -> dict | None:
    """The grid's council record: public councils held in the last few months."""
    since = timezone.now() - timedelta(days=31 * COUNCIL_MONTHS)
    councils = list(
        selectors.public_councils(node=node)
        .filter(starts_at__gte=since)
        .order_by("-starts_at", "-id")[: COUNCIL_MONTHS * 2]
    )
    return {
        "template": "portal/sections/councils_card.html",
        "councils": [public.council(c) for c in councils],
        "months": COUNCIL_MONTHS,
        "url": _url("councils", node=node.code),
    }


register_section(
    Section(
        key="participation",
        app="gongzhi.participation",
        title=gettext_lazy("Residents' say"),
        order=40,
        template="portal/sections/participation.html",
        block=block,
        extra={"grid": grid},
    )
)
