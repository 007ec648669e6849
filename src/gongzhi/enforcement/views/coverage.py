"""Patrol coverage: per grid and week, patrolled or not."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongzhi.enforcement.selectors.coverage import MAX_WEEKS, coverage
from gongzhi.enforcement.views.common import place_choices, places_for
from gongzhi.org.models import Node


@login_required
@require_GET
def coverage_view(request):
    try:
        weeks = int(request.GET.get("weeks", "8"))
    except ValueError:
        weeks = 8
    weeks = max(1, min(MAX_WEEKS, weeks))
    code = request.GET.get("place", "")
    root = Node.objects.filter(code=code).first() if code else None
    starts, rows = coverage(request.user, root=root, weeks=weeks)
    total = len(rows) * len(starts)
    covered = sum(row.covered_weeks for row in rows)
    return render(
        request,
        "enforcement/coverage.html",
        {
            "starts": starts,
            "rows": rows,
            "weeks": weeks,
            "place": code,
            "places": place_choices(places_for(request.user)),
            "share": round(100 * covered / total) if total else 0,
        },
    )
