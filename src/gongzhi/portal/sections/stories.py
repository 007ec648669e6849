"""The portal's own stories: the latest on a place's home, and search over published ones."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from gongzhi.portal.choices import ResultType
from gongzhi.portal.sections import Hit, Section, register_section
from gongzhi.portal.selectors import published_stories

BLOCK_SIZE = 3


def block(request, node) -> dict | None:
    stories = list(published_stories(node=node)[:BLOCK_SIZE])
    return {"stories": stories}


def search(terms, node, limit) -> list[Hit]:
    from gongzhi.portal.search import rank_by_similarity

    queryset = published_stories(node=node, now=timezone.now())
    for term in terms:
        queryset = queryset.filter(
            Q(title__icontains=term)
            | Q(body__icontains=term)
            | Q(tags__name=term)
            | Q(byline__icontains=term)
        )
    queryset = rank_by_similarity(queryset.distinct(), "title", " ".join(terms))
    return [
        Hit(
            ResultType.STORY,
            str(ResultType.STORY.label),
            s.title,
            s.summary,
            s.get_absolute_url(),
            s.published_at,
        )
        for s in queryset[:limit]
    ]


register_section(
    Section(
        key="stories",
        app="gongzhi.portal",
        title=gettext_lazy("News"),
        order=5,
        template="portal/sections/stories.html",
        block=block,
        search=search,
    )
)
