"""Reading patrols and detections."""

from __future__ import annotations

from django.db.models import Count, Prefetch

from gongzhi.enforcement.choices import DetectionState
from gongzhi.enforcement.models import Detection, Patrol, PatrolFinding
from gongzhi.org.access import get_for


def patrols_for(user, *, mine_only: bool = False):
    qs = (
        Patrol.objects.visible_to(user)
        .select_related("inspector__person", "node")
        .annotate(
            grid_count=Count("grids", distinct=True), finding_count=Count("findings", distinct=True)
        )
        .order_by("-started_at", "-id")
    )
    if mine_only:
        qs = qs.filter(inspector=user)
    return qs


def running_patrol(user) -> Patrol | None:
    return Patrol.objects.filter(inspector=user, ended_at__isnull=True).first()


def patrol_detail(user, pk) -> Patrol:
    findings = PatrolFinding.objects.select_related("case__category", "record")
    return get_for(
        user,
        Patrol.objects.select_related("inspector__person", "node").prefetch_related(
            "grids", "photos", Prefetch("findings", queryset=findings)
        ),
        pk=pk,
    )


def detections_for(user, *, state: str = DetectionState.PENDING):
    qs = Detection.objects.visible_to(user).select_related("node", "linked_record", "duplicate_of")
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-detected_at", "-id")


def detection_for(user, pk) -> Detection:
    return get_for(
        user,
        Detection.objects.select_related("node", "linked_record", "duplicate_of", "reviewed_by"),
        pk=pk,
    )
