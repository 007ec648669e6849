"""Anonymous intake: residents report without an account (the portal's form, a WeChat page).

Rate-limited per client address; an ``Idempotency-Key`` header makes a retry answer the report
taken in the first time. The answer names where the report went and any open case that looks
like the same problem, so the resident can support that one instead.
"""

from django.utils.translation import gettext as _
from ninja import Header, Router, Status

from gongzhi.api.routers.case_schemas import PublicReportIn, PublicReportOut
from gongzhi.api.schemas import error_responses
from gongzhi.api.throttling import PublicReportThrottle
from gongzhi.cases.choices import Channel
from gongzhi.cases.selectors.categories import cached_category
from gongzhi.cases.selectors.duplicates import find_duplicates
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
