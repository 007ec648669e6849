"""The org tree in the portal: search finds communities and grids by name."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from gongzhi.portal.choices import ResultType
from gongzhi.portal.sections import Hit, Section, register_section
from gongzhi.portal.selectors import PUBLIC_LEVELS, place_url


def search(terms, node, limit) -> list[Hit]:
    from gongzhi.org.models import Node

    queryset = Node.objects.filter(level__in=PUBLIC_LEVELS)
    if node is not None:
        queryset = queryset.filter(path__startswith=node.path)
    for term in terms:
        queryset = queryset.filter(name__icontains=term)
    return [
        Hit(
            ResultType.PLACE,
            str(ResultType.PLACE.label),
            n.name,
            str(n.get_level_display()),
            place_url(n),
        )
        for n in queryset.order_by("depth", "path")[:limit]
    ]


register_section(
    Section(key="places", app="gongzhi.org", title=gettext_lazy("Places"), order=90, search=search)
)
