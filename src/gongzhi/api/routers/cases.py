"""Cases: list with filters, one case, report (with Idempotency-Key) and every workflow action
as ``POST /cases/{reference}/{action}``, each calling the cases app's service.

Permissions are the services' and ``org.access``'s: a case the caller may not see answers 404,
an action the caller may not take 403, a case that moved on (or changed since
``expected_version``) 409.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status

from gongzhi.api import rendering
from gongzhi.api.media import media_take
from gongzhi.api.routers.case_schemas import (
    API_CHANNELS,
    CaseDetailOut,
    CaseIn,
    CaseOriginalOut,
    CasePage,
    CommentIn,
    DispatchIn,
    MergeIn,
    NoteIn,
    ParkIn,
    ReasonIn,
    ResolveIn,
    ResolveWithMediaIn,
)
from gongzhi.api.routers.case_views import (
    case_detail_out,
    case_rows,
    created_case_detail_out,
    fresh_case,
    with_bounded_count,
)
from gongzhi.api.schemas import error_responses
from gongzhi.cases import services
from gongzhi.cases.choices import Channel, State
from gongzhi.cases.models import Category
from gongzhi.cases.selectors.cases import QUEUES, case_for, case_queue
from gongzhi.cases.selectors.categories import cached_category
from gongzhi.org.access import user_scope
from gongzhi.org.models import Node, Party

router = Router(tags=["cases"])
REPORT_PERMISSION = "cases.report"
READ_ERRORS = error_responses(400, 401, 403, 404)
ACT_ERRORS = error_responses(400, 401, 403, 404, 409)


# A page says how many cases match, counted up to this many (the count stops there, so a
# page costs the same at a thousand cases as at a million); ``count_is_exact`` says whether
# it stopped.
COUNT_LIMIT = 1000
NEWEST_FIRST = ["-reported_at", "-id"]


def _cursor(row) -> str:
    return f"{row['reported_at'].isoformat()}~{row['id']}"


def _after(qs, after: str):
    """Cases older than the cursor ``after`` (``next_after`` of the previous page)."""
    if list(qs.query.order_by or NEWEST_FIRST) != NEWEST_FIRST:
        raise ValidationError({"after": _("This queue is not newest first: use page instead.")})
    when, _sep, pk = after.rpartition("~")
    moment = parse_datetime(when) if when else None
    if moment is None or not pk.isdigit() or moment.tzinfo is None:
        raise ValidationError({"after": _("Send back next_after of the previous page.")})
    # One range on reported_at (its index keeps the order), ties broken by id.
    return qs.filter(reported_at__lte=moment).exclude(reported_at=moment, id__gte=int(pk))


@router.get("/cases", response={200: CasePage, **READ_ERRORS})
def list_cases(
    request,
    queue: str = Query("all", description=", ".join(QUEUES)),
    state: State | None = None,
    category: str | None = Query(None, max_length=40),
    node: str | None = Query(None, max_length=64, description="a node code: its whole subtree"),
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    search: str = Query("", max_length=100),
    page: int = Query(1, ge=1, le=100_000),
    page_size: int = Query(50, ge=1, le=500),
    after: str | None = Query(
        None, max_length=80, description="next_after of the previous page (newest-first queues)"
    ),
):
    """The cases the caller may see, newest first, in pages: ``page`` and ``page_size``, or
    ``after`` (the previous page's ``next_after``), which costs the same however deep."""
    if queue not in QUEUES:
        raise ValidationError(
            {"queue": _("Unknown queue; use one of %(q)s.") % {"q": ", ".join(QUEUES)}}
        )
    category_obj = get_object_or_404(Category, code=category) if category else None
    node_obj = get_object_or_404(Node, code=node) if node else None
    qs = case_queue(
        request.user,
        queue,
        category=category_obj,
        state=state,
        node=node_obj,
        search=search.strip(),
        since=since,
        until=until,
    )
    # The page carries the count of the whole queue (up to COUNT_LIMIT + 1) in its own
    # statement; only a page past the end, with no row to carry it, counts apart.
    counting = with_bounded_count(qs, COUNT_LIMIT + 1)
    if after:
        rows = case_rows(_after(counting, after)[:page_size], request.user)
    else:
        offset = (page - 1) * page_size
        rows = case_rows(counting[offset : offset + page_size], request.user)
    counted = rows[0]["matching"] if rows else qs.order_by()[: COUNT_LIMIT + 1].count()
    next_after = None
    if len(rows) == page_size and list(qs.query.order_by or NEWEST_FIRST) == NEWEST_FIRST:
        next_after = _cursor(rows[-1])
    for row in rows:
        del row["id"], row["matching"]
    return page_response(
        {
            "count": min(counted, COUNT_LIMIT),
            "count_is_exact": counted <= COUNT_LIMIT,
            "page": page,
            "page_size": page_size,
            "next_after": next_after,
            "items": rows,
        }
    )


def page_response(page: dict) -> HttpResponse:
    """The page as the API's JSON renderer writes it, without validating it item by item
    against ``CasePage``: the rows are built field for field in its shape (``case_rows``),
    and re-checking a hundred of them costs more than reading them. The bytes are the ones
    the validated answer would have (tests/api/test_cases_api.py compares them)."""
    return HttpResponse(rendering.dumps(page), content_type="application/json; charset=utf-8")


@router.get("/cases/{reference}", response={200: CaseDetailOut, **READ_ERRORS})
def get_case(request, reference: str):
    """One case with its answers, its timeline and the actions the caller may take now."""
    return case_detail_out(request.user, case_for(request.user, reference))


@router.get("/cases/{reference}/original", response={200: CaseOriginalOut, **READ_ERRORS})
def get_case_original(request, reference: str, reason: str = Query("", max_length=200)):
    """The report as the reporter gave it (text, address, point, contacts), for callers with
    ``cases.view_original`` at the case's node; each call is written to the audit trail
    (``cases.case.original_viewed``) before the answer is given, and the answer is not to be
    cached."""
    case = case_for(request.user, reference)
    original = services.case_view_original(case=case, actor=request.user, reason=reason)
    answer = HttpResponse(
        rendering.dumps(
            {"reference": case.reference, "lat": case.lat, "lon": case.lon, **original}
        ),
        content_type="application/json; charset=utf-8",
    )
    answer["Cache-Control"] = "no-store"
    return answer


def _channel(request, requested: str | None) -> str:
    api_key = getattr(request, "api_key", None)
    if requested is None:
        return Channel.MONITORING if api_key is not None else Channel.WEB
    if requested not in API_CHANNELS:
        raise ValidationError(
            {"channel": _("Unknown channel; use one of %(c)s.") % {"c": ", ".join(API_CHANNELS)}}
        )
    return requested


@router.post("/cases", response={201: CaseDetailOut, 200: CaseDetailOut, **ACT_ERRORS})
def create_case(
    request,
    payload: CaseIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=100),
):
    """Report a case through the one intake (locate, route, number). A retry with the same
    ``Idempotency-Key`` answers the case made the first time (200) and creates nothing."""
    user = request.user
    api_key = getattr(request, "api_key", None)
    if api_key is not None and not any(
        g.grants(REPORT_PERMISSION) for g in user_scope(user).grants
    ):
        raise PermissionDenied(_("This API key may not report cases."))
    category = cached_category(payload.category, leaf=False)
    node = None
    if payload.node:
        node = Node.objects.filter(code=payload.node).first()
        if node is None:
            raise ValidationError({"node": _("No node with this code.")})
    case = services.case_report(
        category=category,
        description=payload.description,
        channel=_channel(request, payload.channel),
        actor=user,
        lat=payload.lat,
        lon=payload.lon,
        crs=payload.crs,
        address=payload.address,
        node=node,
        reporter_name=payload.reporter_name,
        reporter_phone=payload.reporter_phone,
        reporter_email=payload.reporter_email,
        is_anonymous=payload.is_anonymous,
        is_public=payload.is_public,
        answers=payload.answers,
        external_id=f"api{user.pk}:{payload.external_id}" if payload.external_id else "",
        idempotency_key=f"api:{user.pk}:{idempotency_key}" if idempotency_key else None,
    )
    status = 200 if case.is_replay else 201
    return Status(status, created_case_detail_out(user, case))


def _act(request, reference: str, run) -> dict:
    case = case_for(request.user, reference)
    run(case)
    # Re-read without the visibility check: a handler who returns a case no longer sees it,
    # but is told what their own action did.
    return case_detail_out(request.user, fresh_case(case.pk))


def _party(pk):
    return get_object_or_404(Party, pk=pk) if pk is not None else None


def _handler(username):
    if not username:
        return None
    found = get_user_model().objects.filter(username=username).first()
    if found is None:
        raise ValidationError({"handler": _("No user with this username.")})
    return found


def _route(action: str, body, summary: str):
    """Register ``POST /cases/{reference}/<action>`` taking ``body``."""

    def decorate(run):
        def endpoint(request, reference: str, payload):
            return _act(
                request, reference, lambda case: run(case=case, actor=request.user, p=payload)
            )

        endpoint.__annotations__ = {"reference": str, "payload": body}

        endpoint.__name__ = f"case_{action}"
        endpoint.__doc__ = summary
        router.post(
            f"/cases/{{reference}}/{action}",
            response={200: CaseDetailOut, **ACT_ERRORS},
            operation_id=f"case_{action}",
            summary=summary,
        )(endpoint)
        return run

    return decorate


@_route("accept", NoteIn, "Accept (立案) a reported case")
def _accept(*, case, actor, p):
    services.case_accept(case=case, actor=actor, note=p.note, expected_version=p.expected_version)


@_route("reject", ReasonIn, "Reject (不予立案) a case, with a reason the reporter sees")
def _reject(*, case, actor, p):
    services.case_reject(
        case=case, actor=actor, reason=p.reason, expected_version=p.expected_version
    )


@_route("merge", MergeIn, "Merge a duplicate into an open case")
def _merge(*, case, actor, p):
    into = case_for(actor, p.into)
    services.case_merge(
        case=case, into=into, actor=actor, note=p.note, expected_version=p.expected_version
    )


@_route("park", ParkIn, "Park (挂账) a case to be reviewed on review_on")
def _park(*, case, actor, p):
    services.case_park(
        case=case,
        actor=actor,
        review_on=p.review_on,
        reason=p.reason,
        expected_version=p.expected_version,
    )


@_route("unpark", NoteIn, "Take a parked case back into the workflow")
def _unpark(*, case, actor, p):
    services.case_unpark(case=case, actor=actor, note=p.note, expected_version=p.expected_version)


@_route("dispatch", DispatchIn, "Dispatch (派遣) to a party and optionally a handler")
def _dispatch(*, case, actor, p):
    services.case_dispatch(
        case=case,
        actor=actor,
        party=_party(p.party),
        handler=_handler(p.handler),
        note=p.note,
        expected_version=p.expected_version,
    )


@_route("start_handling", NoteIn, "Start handling (处置) a dispatched case")
def _start(*, case, actor, p):
    services.case_start_handling(
        case=case, actor=actor, note=p.note, expected_version=p.expected_version
    )


@_route("return", ReasonIn, "Return (退回) a case that is not the handler's, for re-dispatch")
def _return(*, case, actor, p):
    services.case_return(
        case=case, actor=actor, reason=p.reason, expected_version=p.expected_version
    )


@_route("resolve", ResolveWithMediaIn, "Report the problem solved, with after photos in media")
def _resolve(*, case, actor, p):
    if not p.media:  # no photos named: nothing to look up
        services.case_resolve(
            case=case, actor=actor, note=p.note, expected_version=p.expected_version
        )
        return
    with transaction.atomic():  # the uploads are used up only if the case is resolved
        services.case_resolve(
            case=case,
            actor=actor,
            note=p.note,
            photos=media_take(p.media, owner=actor),
            expected_version=p.expected_version,
        )


@_route("verify_pass", NoteIn, "Verification (核查) passed: close (结案) the case")
def _verify_pass(*, case, actor, p):
    services.case_verify(
        case=case, actor=actor, passed=True, note=p.note, expected_version=p.expected_version
    )


@_route("verify_fail", ResolveIn, "Verification failed: back to handling as rework (返工)")
def _verify_fail(*, case, actor, p):
    services.case_verify(
        case=case, actor=actor, passed=False, note=p.note, expected_version=p.expected_version
    )


@_route("reopen", ReasonIn, "Reopen a closed case for rework")
def _reopen(*, case, actor, p):
    services.case_reopen(
        case=case, actor=actor, reason=p.reason, expected_version=p.expected_version
    )


@router.post("/cases/{reference}/comment", response={201: CaseDetailOut, **ACT_ERRORS})
def comment_case(request, reference: str, payload: CommentIn):
    """Add a note to the case's timeline (public notes are shown to the reporter)."""
    case = case_for(request.user, reference)
    services.case_comment(case=case, actor=request.user, text=payload.text, public=payload.public)
    return Status(201, case_detail_out(request.user, fresh_case(case.pk)))
