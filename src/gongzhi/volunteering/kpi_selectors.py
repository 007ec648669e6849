"""Windowed reads for the figures other apps compute over volunteer service (the insights
app's KPIs). A check-in counts in the window it happened in (``Attendance.check_in_at``); the
node is the activity's. Each function returns a queryset, so that the same rows serve an
aggregate query and the list of records behind a figure.
"""

from __future__ import annotations

from django.db.models import Count, Sum

from gongzhi.volunteering.models import Attendance


def attendances(*, path: str, start, end, programme: int | None = None):
    """Check-ins at activities in the subtree in the window (optionally of one programme or
    plan label)."""
    qs = Attendance.objects.filter(
        activity__node__path__startswith=path, check_in_at__gte=start, check_in_at__lt=end
    )
    if programme:
        qs = qs.filter(activity__labels__id=programme)
    return qs


def attendance_aggregates() -> dict:
    return {
        "hours": Sum("hours"),
        "activities": Count("activity", distinct=True),
    }


def person_aggregates() -> dict:
    """Distinct volunteers: not additive over sub-nodes (one person serves in several grids)."""
    return {"volunteers": Count("person", distinct=True)}
