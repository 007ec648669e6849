"""GeoReport v2 endpoints under /open311/v2/, in .json and .xml.

What Open311 posts enters the same intake (``cases.services.intake.case_report``) as every other
channel: the same validation, location, routing, duplicate check and idempotency.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from gongzhi.api.keys import authenticate_key, key_scope
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.selectors.cases import event_label
from gongzhi.open311 import params, selectors, serializers
from gongzhi.open311.errors import Open311Error, validation_text
from gongzhi.open311.intake import post_request
from gongzhi.open311.render import FORMATS, error, respond, w3c
from gongzhi.open311.statuses import STATES_FOR_STATUS
from gongzhi.open311.updates import post_update
from gongzhi.org.access import set_scope

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-29T00:00:00+08:00"
# The permission an API key needs to submit requests and updates (``gongzhi apikey create``
# gives it by default).
REPORT_PERMISSION = "cases.report"


def endpoint(*methods):
    """Check the method and the format; answer every error in the spec's shape.

    GeoReport v2 ("Errors"): an array of errors, each with a ``code`` and a ``description``,
    under ``<errors><error>`` in XML, with the HTTP status 400, 403 or 404. A conflict with
    the case's state (a stale update) answers 409 and a wrong method 405 in the same shape.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, fmt, **kwargs):
            if fmt not in FORMATS:
                return error(
                    "json",
                    404,
                    _("Unknown format %(fmt)s: use .json or .xml.") % {"fmt": fmt[:10]},
                )
            if request.method not in methods:
                response = error(
                    fmt,
                    405,
                    _("Method %(method)s is not allowed here; use %(allowed)s.")
                    % {"method": request.method[:10], "allowed": ", ".join(methods)},
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                return error(fmt, exc.status, exc.description)
            except ValidationError as exc:
                return error(fmt, 400, validation_text(exc))
            except PermissionDenied as exc:
                return error(fmt, 403, str(exc) or _("Not allowed."))
            except CaseConflict as exc:
                return error(fmt, 409, exc.message)
            except Http404:
                return error(fmt, 404, _("Not found."))

        return csrf_exempt(wrapper)

    return decorate


def _key(request, *, required: bool):
    """The API key sent as ``api_key`` (GeoReport v2) or in ``X-API-Key``; it then acts within
    its node's subtree with its own permissions."""
    raw = (
        request.POST.get("api_key")
        or request.GET.get("api_key")
        or request.headers.get("X-API-Key")
    )
    if not raw:
        if required:
            raise Open311Error(403, _("api_key is required."))
        return None
    key = authenticate_key(raw)
    if key is None:
        raise Open311Error(403, _("api_key is not valid."))
    set_scope(key.user, key_scope(key))
    return key


def _reporting_key(request):
    key = _key(request, required=True)
    if not any(g.grants(REPORT_PERMISSION) for g in key_scope(key).grants):
        raise Open311Error(403, _("This api_key may not submit requests or updates."))
    return key


@endpoint("GET")
def discovery(request, *, fmt):
    base = request.build_absolute_uri("/open311/v2/")
    payload = {
        "changeset": CHANGESET,
        "contact": _("Contact the community service centre."),
        "key_service": _("Ask the district for an API key: gongzhi apikey create."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", None, payload)


@endpoint("GET")
def service_list(request, *, fmt):
    rows = [serializers.service(c, c.question_count > 0) for c in selectors.services()]
    return respond(fmt, "services", "service", rows)


@endpoint("GET")
def service_definition(request, code, *, fmt):
    category = selectors.category(code)
    if category is None:
        raise Open311Error(404, _("No service with service_code %(code)s.") % {"code": code[:40]})
    payload = serializers.service_definition(category, selectors.questions(category))
    return respond(fmt, "service_definition", None, payload)


@endpoint("GET", "POST")
def requests_(request, *, fmt):
    if request.method == "POST":
        key = _reporting_key(request)
        return respond(
            fmt,
            "service_requests",
            "request",
            *post_request(request.POST, key, request.headers, request.FILES),
        )
    return _get_requests(request, fmt)


def _get_requests(request, fmt):
    query = request.GET
    key = _key(request, required=False)
    extensions = query.get("extensions", "").lower() == "true"
    qs = selectors.readable_cases(key)
    ids = params.id_list(query, "service_request_id")
    if ids:
        qs = qs.filter(reference__in=ids)
    else:
        start, end = params.date_window(query)
        qs = qs.filter(reported_at__gte=start, reported_at__lte=end)
        codes = params.id_list(query, "service_code", limit=100)
        if codes:
            qs = qs.filter(category__code__in=codes)
        statuses = [s.lower() for s in params.id_list(query, "status", limit=2)]
        if statuses:
            unknown = [s for s in statuses if s not in STATES_FOR_STATUS]
            if unknown:
                raise Open311Error(
                    400, _("status must be open or closed, got %(s)s.") % {"s": unknown[0][:20]}
                )
            qs = qs.filter(state__in=[st for s in statuses for st in STATES_FOR_STATUS[s]])
    # GeoReport v2 caps an answer at 1000 requests; page/page_size (an extension that real
    # deployments use) walk past that. A slice, not a count: counting a 90-day window of a
    # big table costs more than reading one page of it.
    page_size = params.positive_int(query, "page_size", params.DEFAULT_LIMIT, params.MAX_PAGE_SIZE)
    page_number = params.positive_int(query, "page", 1, 10**6)
    offset = (page_number - 1) * page_size
    qs = qs.order_by("-reported_at", "-id")
    if extensions:  # answers and public notes: full cases with their prefetched rows
        cases = selectors.with_media(selectors.for_list(qs), True)[offset : offset + page_size]
    else:  # what a request row shows, read with .values() (two queries for any page size)
        cases = selectors.page_rows(qs[offset : offset + page_size])
    rows = [_request_row(request, case, key, extensions) for case in cases]
    return respond(fmt, "service_requests", "request", rows)


def _media_url(request, case, *, full: bool) -> str:
    """The first stored photo; else the media_url the client sent, for keys that see the case
    in full only (it was never fetched or checked, so the public is not sent there)."""
    photos = getattr(case, "photo_list", None) or []
    if photos:
        return request.build_absolute_uri(photos[0].image.url)
    return case.media_url if full else ""


def _request_row(request, case, key, extensions):
    full = selectors.key_may_view(key, case)
    notes = []
    if extensions:
        notes = [
            {
                "datetime": w3c(e.created_at),
                "status": e.to_state or "",
                "description": serializers.note_text(case, e.note, full=full) or event_label(e),
            }
            for e in getattr(case, "public_events", [])
        ]
    return serializers.request(
        case,
        full=full,
        media_url=_media_url(request, case, full=full),
        extensions=extensions,
        notes=notes,
    )


@endpoint("GET")
def request_detail(request, reference, *, fmt):
    key = _key(request, required=False)
    extensions = request.GET.get("extensions", "").lower() == "true"
    qs = selectors.with_media(selectors.readable_cases(key).filter(reference=reference), extensions)
    case = qs.first()
    if case is None:
        raise Open311Error(404, _("No service request %(id)s.") % {"id": reference[:40]})
    return respond(
        fmt, "service_requests", "request", [_request_row(request, case, key, extensions)]
    )


@endpoint("GET")
def token(request, token_id, *, fmt):
    key = _key(request, required=False)
    case = selectors.readable_cases(key).filter(reference=token_id).first()
    if case is None:
        raise Open311Error(404, _("No request has token %(t)s.") % {"t": token_id[:40]})
    return respond(
        fmt,
        "service_requests",
        "request",
        [{"service_request_id": case.reference, "token": token_id}],
    )


@endpoint("GET", "POST")
def request_updates(request, *, fmt):
    """FixMyStreet's extension: public updates on requests (GET) and updates from a department
    system (POST: IN_PROGRESS starts handling, FIXED/CLOSED resolves, as the key's party)."""
    if request.method == "POST":
        key = _reporting_key(request)
        row, status = post_update(
            request.POST, key, request.FILES, absolute=request.build_absolute_uri
        )
        return respond(fmt, "service_request_updates", "request_update", [row], status=status)
    key = _key(request, required=False)
    start, end = params.date_window(request.GET)
    readable = selectors.readable_cases(key)
    rows = []
    for event in selectors.updates(start, end, readable)[: params.DEFAULT_LIMIT]:
        full = selectors.key_may_view(key, event.case)
        text = serializers.note_text(event.case, event.note, full=full)
        rows.append(serializers.update(event, event.case, text or event_label(event)))
    return respond(fmt, "service_request_updates", "request_update", rows)


@csrf_exempt
def unknown(request):
    fmt = "xml" if request.path_info.endswith(".xml") else "json"
    return error(
        fmt, 404, _("No such Open311 resource; discovery.json lists what this server offers.")
    )
