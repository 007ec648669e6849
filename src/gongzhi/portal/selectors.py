"""Reads of the portal: stories, places and their figures, grid cards, the map's data.

Figures are computed from the records by the sections' selectors and cached for a few minutes
per place, month and language (``FIGURE_SECONDS``).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.portal.choices import StoryState
from gongzhi.portal.models import BasemapTile, GridContact, Story, StoryPhoto
from gongzhi.portal.periods import month_bounds
from gongzhi.portal.sections import active_sections

FIGURE_SECONDS = 300
PUBLIC_LEVELS = (Level.DISTRICT, Level.STREET, Level.COMMUNITY, Level.GRID, Level.MICROGRID)
HOME_LEVELS = (Level.DISTRICT, Level.STREET, Level.COMMUNITY)
GRID_LEVELS = (Level.GRID, Level.MICROGRID)


def place_url(node) -> str:
    if node.level in GRID_LEVELS:
        return reverse("portal:grid", args=[node.code])
    return reverse("portal:place", args=[node.code])


def public_place(code: str, *, levels=PUBLIC_LEVELS) -> Node:
    node = Node.objects.filter(code=str(code)[:64], level__in=levels).first()
    if node is None:
        raise Http404
    return node


def place_from_query(value) -> Node | None:
    """The place a list is narrowed to (``?place=CODE``), or None for the whole platform."""
    if not value:
        return None
    return Node.objects.filter(code=str(value)[:64], level__in=PUBLIC_LEVELS).first()


def communities():
    """Every community with its street, in tree order."""
    return Node.objects.filter(level=Level.COMMUNITY).order_by("path")


def trail(node) -> list[Node]:
    return list(node.ancestors(include_self=True))


def figures_for(node, *, day=None) -> list:
    """Every installed section's figures for ``node`` over the month of ``day`` (cached)."""
    start, end = month_bounds(day)
    key = f"portal:figures:{node.pk}:{start:%Y%m}:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = []
        for section in active_sections():
            if section.figures is not None:
                figures.extend(section.figures(node, start, end))
        cache.set(key, figures, FIGURE_SECONDS)
    return figures


def blocks_for(request, node) -> list[dict]:
    """The home blocks of every installed section that has something to show."""
    out = []
    for section in active_sections():
        if section.block is None or not section.template:
            continue
        context = section.block(request, node)
        if context is not None:
            out.append(
                {
                    "key": section.key,
                    "title": section.title,
                    "template": section.template,
                    "context": context,
                }
            )
    return out


def grid_extras(node) -> list[dict]:
    """What the installed sections add to a grid's card (``extra["grid"](node)``)."""
    out = []
    for section in active_sections():
        make = section.extra.get("grid")
        if make is not None:
            context = make(node)
            if context is not None:
                out.append(context)
    return out


def _story_base(now=None):
    return (
        Story.objects.published(now or timezone.now())
        .select_related("node")
        .prefetch_related(
            "tags",
            Prefetch("photos", queryset=StoryPhoto.objects.order_by("order", "id")),
        )
        .order_by("-published_at", "-id")
    )


def published_stories(*, node=None, tag: str = "", now=None):
    """Published stories, newest first: about ``node``, its subtree or the places above it."""
    queryset = _story_base(now)
    if node is not None:
        ancestors = [node.path[:i] for i in range(Node.steplen, len(node.path), Node.steplen)]
        from django.db.models import Q

        queryset = queryset.filter(
            Q(node__path__startswith=node.path) | Q(node__path__in=ancestors)
        )
    if tag:
        queryset = queryset.filter(tags__name=tag)
    return queryset


def public_story(pk: int) -> Story:
    story = _story_base().filter(pk=pk).first()
    if story is None:
        raise Http404
    return story


def stories_to_edit(user):
    return (
        Story.objects.visible_to(user)
        .select_related("node", "author", "approved_by")
        .order_by("state", "-updated_at", "-id")
    )


def in_review(user):
    return stories_to_edit(user).filter(state=StoryState.REVIEW)


def grid_contact(node) -> GridContact | None:
    return GridContact.objects.filter(node=node, is_published=True).select_related(
        "person", "node"
    ).first() or (
        GridContact.objects.filter(
            node__in=node.ancestors().filter(level=Level.GRID), is_published=True
        )
        .select_related("person", "node")
        .first()
    )


def basemap_extent() -> dict | None:
    """The zoom range of the stored basemap, or None when there is none."""
    from django.db.models import Max, Min

    extent = BasemapTile.objects.aggregate(min_z=Min("z"), max_z=Max("z"))
    if extent["min_z"] is None:
        return None
    return {"minZoom": extent["min_z"], "maxZoom": extent["max_z"]}


def basemap_tile(z: int, x: int, y: int) -> str | None:
    return BasemapTile.objects.filter(z=z, x=x, y=y).values_list("data", flat=True).first()


def district():
    return Node.objects.filter(level=Level.DISTRICT).order_by("path").first()


def streets():
    return Node.objects.filter(level=Level.STREET).order_by("path")


def children(node):
    return Node.objects.filter(
        path__startswith=node.path, depth=node.depth + 1, level__in=PUBLIC_LEVELS
    ).order_by("path")


def reports_url(node, **params) -> str:
    from django.utils.http import urlencode

    return reverse("portal:reports") + "?" + urlencode({"place": node.code, **params})
