"""Possible duplicates of a report: same category, near in space and time, alike in words."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from django.utils import timezone

from gongzhi.cases.models import Case
from gongzhi.cases.models.cases import OPEN_CASE_CONDITION
from gongzhi.cases.policy import policy_for

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE_LAT = 111_320.0
MAX_CANDIDATES = 200
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def bigrams(text: str) -> set[str]:
    """Character bigrams of the text without spaces and punctuation (works for Chinese)."""
    clean = _NOISE.sub("", (text or "").lower())
    if len(clean) < 2:
        return {clean} if clean else set()
    return {clean[i : i + 2] for i in range(len(clean) - 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' character bigrams, 0..1."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


@dataclass(frozen=True)
class DuplicateMatch:
    case: Case
    distance_m: float | None
    similarity: float


def find_duplicates(
    *,
    category,
    text: str,
    lat: float | None = None,
    lon: float | None = None,
    node=None,
    at=None,
    exclude=None,
    radius_m: float | None = None,
    window_days: int | None = None,
    threshold: float | None = None,
) -> list[DuplicateMatch]:
    """Open cases in ``category`` within ``radius_m`` of the point (or in ``node`` when there
    is no point) reported in the ``window_days`` before ``at``, whose text is at least
    ``threshold`` alike; best first. Defaults come from the case policy at ``node``."""
    scored = _scored(category, text, lat, lon, node, at, exclude, radius_m, window_days, threshold)
    if not scored:
        return []
    cases = Case.objects.select_related(
        "category", "node", "reporter_person", "reporter_user"
    ).in_bulk([m.pk for m in scored])
    return [
        DuplicateMatch(case=cases[m.pk], distance_m=m.distance_m, similarity=m.similarity)
        for m in scored
        if m.pk in cases
    ]


def duplicate_references(
    *, category, text: str, lat=None, lon=None, node=None, at=None, exclude=None
):
    """The references of ``find_duplicates``, best first, in one query (for a notice)."""
    found = _scored(category, text, lat, lon, node, at, exclude, None, None, None)
    return [m.reference for m in found]


@dataclass(frozen=True)
class _Scored:
    pk: int
    reference: str
    distance_m: float | None
    similarity: float


def _scored(category, text, lat, lon, node, at, exclude, radius_m, window_days, threshold):
    if node is None and lat is not None and lon is not None:
        from gongzhi.cases.locating import locate_node

        node = locate_node(lon, lat, "wgs84")
    policy = policy_for(node)
    radius = float(radius_m if radius_m is not None else policy.duplicate_radius_m)
    window = window_days if window_days is not None else policy.duplicate_window_days
    threshold = threshold if threshold is not None else policy.duplicate_threshold
    at = at or timezone.now()
    # Open cases only, in the terms of the partial indexes case_open_category_place and
    # case_open_node_category, so that the probe reads the category's open cases near the
    # point (or in the grid), however many closed cases the table holds.
    qs = Case.objects.filter(OPEN_CASE_CONDITION).filter(
        category=category,
        reported_at__gte=at - dt.timedelta(days=window),
        reported_at__lte=at + dt.timedelta(days=window),
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if lat is not None and lon is not None:
        dlat = radius / METRES_PER_DEGREE_LAT
        dlon = radius / (METRES_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 0.01))
        qs = qs.filter(
            lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon
        )
    elif node is not None:
        qs = qs.filter(node=node)  # no point: the same grid stands in for "near"
    else:
        return []
    # Plain values (no joins, no instances): most reports have no match, and callers that
    # need the matching cases whole read just those.
    candidates = qs.order_by("-reported_at").values_list(
        "pk", "reference", "lat", "lon", "description"
    )
    scored = []
    for pk, reference, case_lat, case_lon, description in candidates[:MAX_CANDIDATES]:
        distance = None
        if lat is not None and case_lat is not None:
            distance = haversine_m(lat, lon, case_lat, case_lon)
            if distance > radius:
                continue
        score = similarity(text, description)
        if score >= threshold:
            scored.append(_Scored(pk, reference, distance, score))
    scored.sort(key=lambda m: (-m.similarity, m.distance_m or 0.0))
    return scored


def duplicates_of(case) -> list[DuplicateMatch]:
    """Possible duplicates of an existing case, for the dispatcher's merge."""
    return find_duplicates(
        category=case.category,
        text=case.description,
        lat=case.lat,
        lon=case.lon,
        node=case.node,
        at=case.reported_at,
        exclude=case,
    )
