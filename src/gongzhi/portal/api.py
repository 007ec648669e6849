"""The portal's public JSON under the platform API: ``/api/public/...``.

No key needed. Answers are cached for a minute (per path, query and language) and
rate-limited per client address with the API app's throttle, whose count a forged
``X-Forwarded-For`` cannot reset. Everything about people and every free text passes through
``gongzhi.core.scrub``, exactly as on the portal's pages.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.throttling import AnonRateThrottle

from gongzhi.api.schemas import error_responses
from gongzhi.api.throttling import PublicReportThrottle
from gongzhi.core import scrub
from gongzhi.portal import public, selectors
from gongzhi.portal import search as searching
from gongzhi.portal.choices import ResultType
from gongzhi.portal.periods import parse_month

CACHE_SECONDS = 60
PAGE_SIZE = 20
DEFAULT_READ_RATE = "600/h"


class PublicReadThrottle(PublicReportThrottle):
    """The API app's anonymous throttle, at the public reads' own rate
    (``GONGZHI_PUBLIC_READ_RATE``) and counted apart from report intake."""

    scope = "public_reads"

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, "GONGZHI_PUBLIC_READ_RATE", DEFAULT_READ_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return AnonRateThrottle.allow_request(self, request)

    def get_ident(self, request):
        # Without a configured proxy count the client is the connecting address: a client
        # cannot choose its own X-Forwarded-For to start a fresh count.
        from ninja.conf import settings as ninja_settings

        if getattr(ninja_settings, "NUM_PROXIES", None) is None:
            return request.META.get("REMOTE_ADDR")
        return super().get_ident(request)


router = Router(tags=["public portal"], auth=None, throttle=[PublicReadThrottle()])


class FigureOut(Schema):
    key: str
    label: str
    value: float | None
    display: str
    url: str


class PlaceOut(Schema):
    code: str
    name: str
    level: str
    url: str


class PlaceDetailOut(PlaceOut):
    figures: list[FigureOut]
    children: list[PlaceOut]


class PortalCaseOut(Schema):
    reference: str
    category: str
    state: str
    state_label: str
    summary: str
    address: str
    grid: str
    grid_code: str
    reported_at: datetime
    closed_at: datetime | None
    supports: int
    lat: float | None
    lon: float | None
    url: str


class CasePageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[PortalCaseOut]


class ContactOut(Schema):
    grid: str
    grid_code: str
    name: str
    work_phone: str
    duty_hours: str


class GridOut(Schema):
    place: PlaceOut
    contact: ContactOut | None
    open: list[PortalCaseOut]
    closed: list[PortalCaseOut]


class StoryPhotoOut(Schema):
    thumb: str
    image: str
    width: int
    height: int
    caption: str


class StoryOut(Schema):
    id: int
    title: str
    summary: str
    byline: str
    place: PlaceOut
    tags: list[str]
    published_at: datetime
    url: str
    photos: list[StoryPhotoOut]


class StoryDetailOut(StoryOut):
    body: str


class StoryPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[StoryOut]


class ActivityOut(Schema):
    id: int
    title: str
    description: str
    place: str
    team: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    confirmed: int
    url: str


class HitOut(Schema):
    type: str
    type_label: str
    title: str
    snippet: str
    url: str


def _cached(request, compute):
    key = f"portal:api:{request.path}?{request.GET.urlencode()}:{get_language()}"
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, CACHE_SECONDS)
    return data


def _place(node) -> dict:
    return {
        "code": node.code,
        "name": node.name,
        "level": node.level,
        "url": selectors.place_url(node),
    }


def _figures(node) -> list[dict]:
    return [
        {"key": f.key, "label": f.label, "value": f.value, "display": f.display, "url": f.url}
        for f in selectors.figures_for(node)
    ]


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


@router.get("/places", response=list[PlaceOut], summary="The district and its communities")
def places(request):
    def compute():
        nodes = [selectors.district(), *selectors.communities()]
        return [_place(n) for n in nodes if n is not None]

    return _cached(request, compute)


@router.get(
    "/places/{code}",
    response={200: PlaceDetailOut, **error_responses(400, 404, 429)},
    summary="A place with this month's figures",
)
def place(request, code: str):
    node = selectors.public_place(code, levels=selectors.HOME_LEVELS)
    return _cached(
        request,
        lambda: {
            **_place(node),
            "figures": _figures(node),
            "children": [_place(c) for c in selectors.children(node)],
        },
    )


@router.get(
    "/case-list",
    response={200: CasePageOut, **error_responses(400, 404, 429)},
    summary="Public reports",
)
def cases(
    request,
    place: str = "",
    state: str = "",
    month: str = "",
    near: str = "",
    page: int = 1,
):
    """Filter as the portal's list: ``place`` (code), ``state`` (open/closed), ``month``
    (YYYY-MM), ``near`` (lat,lon: within about 800 m)."""
    from gongzhi.portal.views.reports import filter_cases, parse_near

    def compute():
        params = {"place": place, "state": state, "month": month}
        queryset, *_rest = filter_cases(params, near=parse_near(near))
        paginator = Paginator(queryset, PAGE_SIZE)
        current = paginator.get_page(_page_number(page))
        return {
            "count": paginator.count,
            "page": current.number,
            "pages": paginator.num_pages,
            "results": [public.case_row(c) for c in current.object_list],
        }

    return _cached(request, compute)


@router.get(
    "/grids/{code}",
    response={200: GridOut, **error_responses(400, 404, 429)},
    summary="A grid's contact card and reports",
)
def grid(request, code: str):
    from gongzhi.cases.selectors import public_cases

    node = selectors.public_place(code, levels=selectors.GRID_LEVELS)

    def compute():
        rows = [
            public.case_row(c)
            for c in public_cases()
            .filter(node__path__startswith=node.path)
            .select_related("reporter_person")
            .prefetch_related(None)[:40]
        ]
        return {
            "place": _place(node),
            "contact": public.contact_card(selectors.grid_contact(node)),
            "open": [r for r in rows if r["is_open"]][:10],
            "closed": [r for r in rows if not r["is_open"]][:10],
        }

    return _cached(request, compute)


def _story(story, *, body=False) -> dict:
    out = {
        "id": story.pk,
        "title": story.title,
        "summary": story.summary,
        "byline": story.byline,
        "place": _place(story.node),
        "tags": [t.name for t in story.tags.all()],
        "published_at": story.published_at,
        "url": story.get_absolute_url(),
        "photos": [
            {
                "thumb": p.thumb.url,
                "image": p.image.url,
                "width": p.width,
                "height": p.height,
                "caption": p.caption,
            }
            for p in story.photos.all()
        ],
    }
    if body:
        out["body"] = story.body
    return out


@router.get(
    "/stories",
    response={200: StoryPageOut, **error_responses(400, 404, 429)},
    summary="Published stories",
)
def stories(request, place: str = "", tag: str = "", page: int = 1):
    def compute():
        node = selectors.place_from_query(place)
        paginator = Paginator(selectors.published_stories(node=node, tag=tag[:20]), 10)
        current = paginator.get_page(_page_number(page))
        return {
            "count": paginator.count,
            "page": current.number,
            "pages": paginator.num_pages,
            "results": [_story(s) for s in current.object_list],
        }

    return _cached(request, compute)


@router.get(
    "/stories/{story_id}",
    response={200: StoryDetailOut, **error_responses(400, 404, 429)},
    summary="One published story (sanitised HTML body)",
)
def story(request, story_id: int):
    found = selectors.public_story(story_id)
    return _cached(request, lambda: _story(found, body=True))


@router.get(
    "/activities",
    response={200: list[ActivityOut], **error_responses(400, 404, 429)},
    summary="Public activities of a month",
)
def activities(request, month: str = "", place: str = ""):
    import calendar as pycalendar

    from django.urls import reverse
    from django.utils import timezone

    from gongzhi.volunteering.selectors import public_activities

    first = parse_month(month) or timezone.localdate().replace(day=1)
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])

    def compute():
        node = selectors.place_from_query(place)
        queryset = public_activities(first=first, last=last)
        if node is not None:
            queryset = queryset.filter(node__path__startswith=node.path)
        return [
            {
                "id": a.pk,
                "title": a.title,
                "description": scrub.scrub_text(a.description),
                "place": scrub.public_address(a.place),
                "team": a.team.name,
                "starts_at": a.starts_at,
                "ends_at": a.ends_at,
                "capacity": a.capacity,
                "confirmed": a.confirmed_count,
                "url": reverse("portal:activity_detail", args=[a.pk]),
            }
            for a in queryset
        ]

    return _cached(request, compute)


@router.get(
    "/search",
    response={200: list[HitOut], **error_responses(400, 404, 429)},
    summary="Search public reports, activities, stories and places",
)
def search(request, q: str = "", type: str = "", place: str = ""):
    if type and type not in ResultType.values:
        raise Http404

    def compute():
        node = selectors.place_from_query(place)
        groups = searching.search(q[:100], node=node, types={type} if type else None)
        return [
            {
                "type": h.type,
                "type_label": h.type_label,
                "title": h.title,
                "snippet": h.snippet,
                "url": h.url,
            }
            for _key, hits in groups
            for h in hits
        ]

    return _cached(request, compute)
