"""Anonymous intake and the public feed: residents report without an account (the portal's
form, a WeChat page), and anyone reads the published reports.

Reports are rate-limited per client address; an ``Idempotency-Key`` header makes a retry answer
the report taken in the first time. The answer names where the report went and any open case
that looks like the same problem, so the resident can support that one instead.

The feed (``GET /public/cases``) holds only published reports, rendered as the public case
page renders them (``cases.selectors.public_case_data``): text scrubbed of people's data,
address to the building, point as precise as the category allows.
"""

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status

from gongzhi.api.routers.case_schemas import PublicReportIn, PublicReportOut
from gongzhi.api.schemas import error_responses
from gongzhi.api.throttling import PublicReportThrottle
from gongzhi.cases.choices import Channel
from gongzhi.cases.selectors.categories import cached_category
from gongzhi.cases.selectors.duplicates import find_duplicates
from gongzhi.cases.selectors.public import public_case_data, public_cases
from gongzhi.cases.services import case_report

router = Router(tags=["public"])


@router.post(
    "/public/reports",
    auth=None,
    throttle=[PublicReportThrottle()],
    response={201: PublicReportOut, 200: PublicReportOut, **error_responses(400, 429)},
)
def public_report(
    request,
    payload: PublicReportIn,
    idempotency_key: str | None = Header(
        None, alias="Idempotency-Key", min_length=16, max_length=100
    ),
):
    """Report a problem without logging in (rate-limited per client)."""
    case = case_report(
        category=cached_category(payload.category, leaf=False),
        description=payload.description,
        channel=Channel.WEB,
        actor=None,
        lat=payload.lat,
        lon=payload.lon,
        crs=payload.crs,
        address=payload.address,
        reporter_name=payload.reporter_name,
        reporter_phone=payload.reporter_phone,
        is_anonymous=payload.is_anonymous,
        is_public=payload.is_public,
        answers=payload.answers,
        idempotency_key=f"public:{idempotency_key}" if idempotency_key else None,
    )
    duplicates = find_duplicates(
        category=case.category,
        text=case.description,
        lat=case.lat,
        lon=case.lon,
        node=case.node,
        at=case.reported_at,
        exclude=case,
    )
    out = {
        "reference": case.reference,
        "state": case.state,
        "routing": case.routing_text or _("Your report was received."),
        # Only public cases are named to an anonymous caller.
        "duplicates": [d.case.reference for d in duplicates if d.case.is_public][:5],
    }
    return Status(200 if case.is_replay else 201, out)


class PublicEventOut(Schema):
    action: str
    at: dt.datetime
    note: str = Field(description="scrubbed of people's data")


class PublicCaseOut(Schema):
    reference: str
    category: str
    category_code: str
    state: str
    state_label: str
    description: str = Field(description="scrubbed of people's data")
    address: str = Field(description="down to the building at most")
    grid: str
    lat: float | None = Field(description="as precise as the category allows, or null")
    lon: float | None
    reported_at: dt.datetime
    closed_at: dt.datetime | None
    supports: int
    reporter: str = Field(description="masked unless the reporter chose to be named")
    timeline: list[PublicEventOut]


class PublicCasePage(Schema):
    page: int
    page_size: int
    items: list[PublicCaseOut]


def _public_out(case) -> dict:
    data = public_case_data(case)
    data.pop("photos", None)
    data["state_label"] = str(data["state_label"])
    return data


@router.get("/public/cases", auth=None, response={200: PublicCasePage, **error_responses(400)})
def public_case_list(
    request,
    page: int = Query(1, ge=1, le=10_000),
    page_size: int = Query(50, ge=1, le=200),
):
    """The published reports, newest first (no personal data; constant query count)."""
    offset = (page - 1) * page_size
    cases = public_cases()[offset : offset + page_size]
    return {"page": page, "page_size": page_size, "items": [_public_out(c) for c in cases]}


@router.get(
    "/public/cases/{reference}", auth=None, response={200: PublicCaseOut, **error_responses(404)}
)
def public_case_detail(request, reference: str):
    """One published report as the public case page shows it; 404 for anything else."""
    case = public_cases().filter(reference=reference[:32]).first()
    if case is None:
        raise Http404
    return _public_out(case)
