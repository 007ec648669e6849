"""The case map (民情地图): grids coloured by their open or overdue cases, and the cases as
clustered points, filtered by category, state and period."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import State
from gongzhi.cases.forms.queues import MapFilterForm
from gongzhi.cases.selectors import case_map_points, grid_choropleth
from gongzhi.cases.views.common import require_anywhere

POINTS_MAX = 5000


def _filters(form) -> dict:
    data = form.cleaned_data if form.is_valid() else {}
    state = data.get("state") or ""
    if state == "all":
        states = list(State.values)
    elif state:
        states = [state]
    else:
        states = None  # open cases
    since, until = form.period()
    return {"category": data.get("category"), "states": states, "since": since, "until": until}


def _points_filters(filters):
    from gongzhi.cases.choices import OPEN_STATES

    return {**filters, "states": filters["states"] or sorted(OPEN_STATES)}


@login_required
@require_GET
def case_map(request):
    """The map page; the table of grids below it is the same data for those without a map."""
    require_anywhere(request.user, perms.VIEW)
    form = MapFilterForm(request.GET or None)
    grids = grid_choropleth(request.user, **_filters(form))
    query = request.GET.urlencode()
    config = {
        # A configured tile server, else the platform's own offline basemap (when served).
        "tileUrl": settings.GONGZHI_MAP_TILE_URL or settings.GONGZHI_LOCAL_BASEMAP_URL,
        "tileAttribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION,
        "dataUrl": reverse("cases:map_data") + (f"?{query}" if query else ""),
        "caseUrlTemplate": reverse("cases:case_detail", args=["__ref__"]),
        "labels": {
            "open": _("open cases"),
            "overdue": _("overdue"),
            "noCases": _("No cases match these filters."),
            "truncated": _("Only the newest %(n)d cases are drawn.") % {"n": POINTS_MAX},
        },
    }
    return render(
        request,
        "cases/map.html",
        {
            "form": form,
            "grids": [g for g in grids if g["count"]],
            "grid_count": len(grids),
            "total": sum(g["count"] for g in grids),
            "overdue": sum(g["overdue"] for g in grids),
            "map_config": config,
        },
    )


@login_required
@require_GET
def case_map_data(request):
    """The map's data as JSON: grid polygons with counts, and points (flat query count)."""
    require_anywhere(request.user, perms.VIEW)
    form = MapFilterForm(request.GET or None)
    filters = _filters(form)
    now = timezone.now()
    grids = grid_choropleth(request.user, now=now, **filters)
    points = case_map_points(
        request.user, now=now, limit=POINTS_MAX + 1, **_points_filters(filters)
    )
    return JsonResponse(
        {
            "grids": {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": g["boundary"],
                        "properties": {
                            "code": g["code"],
                            "name": g["name"],
                            "count": g["count"],
                            "overdue": g["overdue"],
                        },
                    }
                    for g in grids
                ],
            },
            "points": [
                {k: p[k] for k in ("reference", "lat", "lon", "state", "category", "overdue")}
                for p in points[:POINTS_MAX]
            ],
            "truncated": len(points) > POINTS_MAX,
            "errors": form.errors.get_json_data() if form.is_bound and form.errors else {},
        }
    )
