"""The public map (民情地图): grids and microgrids over the offline basemap, public reports
as clusters, the grids coloured by a chosen figure; a tap opens the grid's card."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongzhi.cases.selectors import public_cases, public_figures_by_node
from gongzhi.org.models import Node
from gongzhi.portal import public, selectors
from gongzhi.portal.periods import month_bounds

MAP_POINTS = 1000
DATA_SECONDS = 60
TILE_SECONDS = 24 * 3600


def measures() -> list[tuple[str, str]]:
    return [
        ("open", _("Open reports")),
        ("received", _("Reports received this month")),
        ("closed", _("Reports closed this month")),
        ("on_time_rate", _("Closed on time")),
    ]


def map_page(request):
    place = selectors.place_from_query(request.GET.get("place"))
    measure = request.GET.get("measure", "open")
    if measure not in dict(measures()):
        measure = "open"
    basemap = selectors.basemap_extent()
    config = {
        "dataUrl": reverse("portal:map_data") + (f"?place={place.code}" if place else ""),
        "gridUrlTemplate": reverse("portal:grid", args=["__code__"]),
        "tileUrl": settings.GONGZHI_MAP_TILE_URL,
        "tileAttribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION,
        "basemapUrl": reverse("portal:basemap_tile", args=[0, 0, 0]).replace("/0/0/0.json", ""),
        "basemap": basemap,
        "measure": measure,
        "labels": {
            "reports": _("reports"),
            "noCases": _("No public reports to show here."),
            "basemap": _("Basemap: OpenStreetMap contributors and the platform's own data"),
        },
    }
    return render(
        request,
        "portal/map.html",
        {
            "place": place,
            "measures": measures(),
            "measure": measure,
            "config": config,
            "grids": _grid_nodes(place),
        },
    )


def _grid_nodes(place):
    nodes = Node.objects.filter(level="grid", boundary__isnull=False)
    if place is not None:
        nodes = nodes.filter(path__startswith=place.path)
    return nodes.order_by("path").only("code", "name", "path", "level")


def _map_data(place) -> dict:
    nodes = Node.objects.filter(level__in=["grid", "microgrid"], boundary__isnull=False)
    if place is not None:
        nodes = nodes.filter(path__startswith=place.path)
    nodes = list(nodes.order_by("path").only("code", "name", "path", "level", "boundary", "depth"))
    start, end = month_bounds()
    figures = public_figures_by_node(nodes=nodes, start=start, end=end)
    features = [
        {
            "type": "Feature",
            "geometry": node.boundary,
            "properties": {
                "code": node.code,
                "name": node.name,
                "level": node.level,
                **figures[node.code],
            },
        }
        for node in nodes
    ]
    cases = public_cases().filter(lat__isnull=False).prefetch_related(None)
    if place is not None:
        cases = cases.filter(node__path__startswith=place.path)
    points = []
    for case in cases.select_related("category", "node")[:MAP_POINTS]:
        lat, lon = public.public_position(case)
        if lat is None:
            continue
        points.append(
            {
                "lat": lat,
                "lon": lon,
                "reference": case.reference,
                "category": case.category.name,
                "open": case.is_open,
                "url": reverse("report:case", args=[case.reference]),
            }
        )
    return {"grids": {"type": "FeatureCollection", "features": features}, "points": points}


@require_GET
def map_data(request):
    place = selectors.place_from_query(request.GET.get("place"))
    key = f"portal:map:{place.pk if place else 0}:{get_language()}"
    data = cache.get(key)
    if data is None:
        data = _map_data(place)
        cache.set(key, data, DATA_SECONDS)
    response = JsonResponse(data)
    response["Cache-Control"] = f"public, max-age={DATA_SECONDS}"
    return response


@require_GET
def basemap_png(request, z, x, y):
    """The basemap as a PNG tile (for maps that take a plain tile URL); 404 without one."""
    from django.http import Http404

    from gongzhi.portal.basemap.raster import render_tile

    if not (0 <= z <= 19 and 0 <= x < 2**z and 0 <= y < 2**z):
        raise Http404
    key = f"portal:basemap-png:{z}:{x}:{y}"
    png = cache.get(key)
    if png is None:
        png = render_tile(z, x, y)
        if png is None:
            raise Http404
        cache.set(key, png, TILE_SECONDS)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = f"public, max-age={TILE_SECONDS}"
    return response


@require_GET
def basemap_tile(request, z, x, y):
    """One basemap tile; 204 where the basemap has nothing to draw."""
    data = selectors.basemap_tile(z, x, y)
    response = (
        HttpResponse(status=204)
        if data is None
        else HttpResponse(data, content_type="application/json")
    )
    response["Cache-Control"] = f"public, max-age={TILE_SECONDS}"
    return response
