"""Reports a resident understands: in a place, in my grid, near me; open or closed; by month."""

from __future__ import annotations

import math

from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongzhi.cases.choices import OPEN_STATES, State
from gongzhi.cases.selectors import public_cases
from gongzhi.org.choices import Level
from gongzhi.portal import public, selectors
from gongzhi.portal.periods import month_bounds, parse_month
from gongzhi.portal.views.common import paginate

NEAR_METRES = 800
M_PER_DEG_LAT = 111_320.0


def parse_near(value: str | None) -> tuple[float, float] | None:
    """``32.01,120.95`` → (lat, lon) inside the valid range, else None."""
    try:
        lat, lon = (float(part) for part in (value or "").split(","))
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        return None
    return lat, lon


def my_grid(user):
    """The grid the signed-in resident lives in, or None."""
    if not user.is_authenticated:
        return None
    from gongzhi.org.models import Person

    person = Person.objects.filter(user=user).select_related("node").first()
    if person is None:
        return None
    node = person.node
    if node.level == Level.GRID:
        return node
    return node.ancestors().filter(level=Level.GRID).first()


def filter_cases(params, *, near=None):
    """Public cases narrowed by ``place``, ``state``, ``month`` and ``near`` (a lat/lon)."""
    cases = public_cases().prefetch_related(None).select_related("reporter_person")
    place = selectors.place_from_query(params.get("place"))
    if place is not None:
        cases = cases.filter(node__path__startswith=place.path)
    state = params.get("state", "")
    if state == "open":
        cases = cases.filter(state__in=list(OPEN_STATES))
    elif state == "closed":
        cases = cases.filter(state=State.CLOSED)
    month = parse_month(params.get("month"))
    if month is not None:
        start, end = month_bounds(month)
        if state == "closed":
            cases = cases.filter(closed_at__gte=start, closed_at__lt=end)
        else:
            cases = cases.filter(reported_at__gte=start, reported_at__lt=end)
    if near is not None:
        lat, lon = near
        dlat = NEAR_METRES / M_PER_DEG_LAT
        dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
        cases = cases.filter(
            Q(lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon)
        )
    return cases, place, state, month


def report_list(request):
    near = parse_near(request.GET.get("near"))
    cases, place, state, month = filter_cases(request.GET, near=near)
    page, query = paginate(request, cases)
    rows = [public.case_row(c) for c in page.object_list]
    return render(
        request,
        "portal/reports.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "place": place,
            "state": state,
            "month": f"{month:%Y-%m}" if month else "",
            "near": near,
            "near_invalid": bool(request.GET.get("near")) and near is None,
            "my_grid": my_grid(request.user),
            "states": [("", _("All")), ("open", _("Open")), ("closed", _("Closed"))],
        },
    )
