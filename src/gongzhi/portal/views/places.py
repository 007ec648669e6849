"""The district index, a place's home and a grid's page."""

from __future__ import annotations

from django.shortcuts import render

from gongzhi.cases.selectors import public_cases
from gongzhi.portal import public, selectors
from gongzhi.portal.selectors import GRID_LEVELS, HOME_LEVELS

GRID_CASES = 10
INDEX_FIGURES = 3


def index(request):
    """Every community, by street, each with its headline figures; the district's figures."""
    root = selectors.district()
    groups = []
    for street in selectors.streets():
        cards = [
            {"node": c, "figures": selectors.figures_for(c)[:INDEX_FIGURES]}
            for c in selectors.communities().filter(path__startswith=street.path)
        ]
        if cards:
            groups.append((street, cards))
    return render(
        request,
        "portal/index.html",
        {
            "district": root,
            "groups": groups,
            "figures": selectors.figures_for(root) if root else [],
            "blocks": selectors.blocks_for(request, root) if root else [],
        },
    )


def place(request, code):
    """A community's (or street's, or the district's) home: live figures and the sections."""
    node = selectors.public_place(code, levels=HOME_LEVELS)
    return render(
        request,
        "portal/place.html",
        {
            "node": node,
            "trail": selectors.trail(node)[:-1],
            "figures": selectors.figures_for(node),
            "blocks": selectors.blocks_for(request, node),
            "children": selectors.children(node),
        },
    )


def grid(request, code):
    """A grid's or microgrid's page: the contact card and its open and closed public reports."""
    node = selectors.public_place(code, levels=GRID_LEVELS)
    cases = (
        public_cases()
        .filter(node__path__startswith=node.path)
        .select_related("reporter_person")
        .prefetch_related(None)
    )
    rows = [public.case_row(c) for c in cases[: GRID_CASES * 4]]
    context = {
        "node": node,
        "trail": selectors.trail(node)[:-1],
        "card": public.contact_card(selectors.grid_contact(node)),
        "open_cases": [r for r in rows if r["is_open"]][:GRID_CASES],
        "closed_cases": [r for r in rows if not r["is_open"]][:GRID_CASES],
        "children": selectors.children(node),
        "reports_url": selectors.reports_url(node),
        "grid_extras": selectors.grid_extras(node),
    }
    template = "portal/partials/grid_card.html" if request.htmx else "portal/grid.html"
    return render(request, template, context)
