"""The node browser, node pages, their map data and their people and household lists."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongzhi.org import selectors
from gongzhi.org.access import can
from gongzhi.org.delegation import grantable_roles
from gongzhi.org.disclosure import sees_full_contacts
from gongzhi.org.views.common import base_query

PAGE_SIZE = 25
PREVIEW_SIZE = 10
SEARCH_MAX = 50


def map_config(**extra) -> dict:
    """What the map script needs: the optional tile layer and the data to draw."""
    return {
        "tileUrl": settings.GONGZHI_MAP_TILE_URL,
        "tileAttribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION,
        "labels": {"empty": _("No boundaries have been drawn here yet.")},
        **extra,
    }


@login_required
@require_GET
def node_browser(request):
    """The whole tree, expanded on demand, beside a map of the level being looked at."""
    roots = list(selectors.visible_roots(request.user))
    config = map_config(
        features=selectors.feature_collection(roots),
        childrenUrlTemplate=reverse("org:node_children_geojson", args=["__code__"]),
    )
    return render(request, "org/browser.html", {"roots": roots, "map_config": config})


@login_required
@require_GET
def node_tree(request, code):
    """The ``<li>`` items of a node's children, swapped into the tree by htmx."""
    node = selectors.visible_node(request.user, code)
    return render(request, "org/partials/tree_items.html", {"nodes": selectors.children_of(node)})


@login_required
@require_GET
def node_children_geojson(request, code):
    """The boundaries below a node (``?depth=2`` adds the grandchildren) as GeoJSON."""
    node = selectors.visible_node(request.user, code)
    try:
        depth = int(request.GET.get("depth", "1"))
    except ValueError:
        depth = 1
    nodes = selectors.descendants_within(node, depth)
    response = JsonResponse(selectors.feature_collection(nodes, below=node))
    response["Content-Type"] = "application/geo+json"
    return response


@login_required
@require_GET
def node_detail(request, code):
    """A node: where it sits, its counts, map, children, parties, and — for those allowed —
    its households and people."""
    node = selectors.visible_node(request.user, code)
    user = request.user
    context = {
        "node": node,
        "ancestors": list(node.ancestors()),
        "children": list(selectors.children_of(node)),
        "forces": selectors.parties_serving(node),
        "partners": list(selectors.partners_of(node)),
        "party_org": selectors.party_org_of(node),
        "can_view_people": can(user, "org.view_person", node),
        "can_view_households": can(user, "org.view_household", node),
        "can_view_party_contacts": can(user, "org.view_party", node),
        "can_manage_roles": bool(grantable_roles(user, node)),
        "full_contacts": sees_full_contacts(user, node),
        "map_config": map_config(
            node=selectors.node_feature(node),
            childrenUrl=reverse("org:node_children_geojson", args=[node.code]),
            depth=selectors.MAX_MAP_DEPTH,
        ),
    }
    if context["can_view_people"]:
        people = selectors.people_under(user, node)
        context["people"] = list(people[:PREVIEW_SIZE])
        context["people_count"] = people.count()
    if context["can_view_households"]:
        households = selectors.households_under(user, node)
        context["households"] = list(households[:PREVIEW_SIZE])
        context["households_count"] = households.count()
    return render(request, "org/node_detail.html", context)


def _search_term(request) -> str:
    return request.GET.get("q", "").strip()[:SEARCH_MAX]


@login_required
@require_GET
def node_people(request, code):
    """Every person under a node that the user may see, paginated and searchable."""
    node = selectors.visible_node(request.user, code)
    search = _search_term(request)
    page = Paginator(selectors.people_under(request.user, node, search=search), PAGE_SIZE)
    return render(
        request,
        "org/node_people.html",
        {
            "node": node,
            "ancestors": list(node.ancestors()),
            "page": page.get_page(request.GET.get("page")),
            "q": search,
            "base_query": base_query(q=search),
            "full_contacts": sees_full_contacts(request.user, node),
        },
    )


@login_required
@require_GET
def node_households(request, code):
    """Every household under a node that the user may see, paginated and searchable."""
    node = selectors.visible_node(request.user, code)
    search = _search_term(request)
    page = Paginator(selectors.households_under(request.user, node, search=search), PAGE_SIZE)
    return render(
        request,
        "org/node_households.html",
        {
            "node": node,
            "ancestors": list(node.ancestors()),
            "page": page.get_page(request.GET.get("page")),
            "q": search,
            "base_query": base_query(q=search),
            "full_contacts": sees_full_contacts(request.user, node),
        },
    )
