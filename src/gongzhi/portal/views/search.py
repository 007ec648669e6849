"""Search across the public records and the stories."""

from __future__ import annotations

from django.shortcuts import render

from gongzhi.portal import search as searching
from gongzhi.portal import selectors
from gongzhi.portal.choices import ResultType


def search_page(request):
    query = (request.GET.get("q") or "")[:100]
    place = selectors.place_from_query(request.GET.get("place"))
    wanted = request.GET.get("type", "")
    types = {wanted} if wanted in ResultType.values else None
    groups = searching.search(query, node=place, types=types)
    return render(
        request,
        "portal/search.html",
        {
            "q": query,
            "place": place,
            "type": wanted if types else "",
            "types": ResultType.choices,
            "groups": groups,
            "count": sum(len(hits) for _key, hits in groups),
        },
    )
