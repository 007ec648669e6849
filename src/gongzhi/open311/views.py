"""GeoReport v2 endpoints under /open311/v2/, in .json and .xml.

What Open311 posts enters the same intake (``cases.services.intake.case_report``) as every other
channel: the same validation, location, routing, duplicate check and idempotency.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.api.keys import authenticate_key
from gongzhi.cases.choices import Channel
from gongzhi.cases.selectors.cases import event_label
from gongzhi.cases.selectors.duplicates import find_duplicates
from gongzhi.cases.services.intake import case_report
from gongzhi.open311 import params, selectors, serializers
from gongzhi.open311.errors import Open311Error
from gongzhi.open311.render import error, respond, w3c
from gongzhi.open311.statuses import STATES_FOR_STATUS
from gongzhi.org.models import Node

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-29T00:00:00+08:00"


def endpoint(view):
    """Check the format, turn Open311Error and ValidationError into the spec's error shape."""

    @wraps(view)
    def wrapper(request, *args, fmt, **kwargs):
        if fmt not in ("json", "xml"):
            return error(
                "json", 404, _("Unknown format %(fmt)s: use .json or .xml.") % {"fmt": fmt[:10]}
            )
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)
        except ValidationError as exc:
            return error(fmt, 400, _validation_text(exc))
        except PermissionDenied as exc:
            return error(fmt, 403, str(exc) or _("Not allowed."))
        except Http404:
            return error(fmt, 404, _("Not found."))

    return csrf_exempt(wrapper)


def _validation_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def _key(request, *, required: bool):
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
    return key


@require_GET
@endpoint
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


@require_GET
@endpoint
def service_list(request, *, fmt):
    rows = [serializers.service(c, c.question_count > 0) for c in selectors.services()]
    return respond(fmt, "services", "service", rows)


@require_GET
@endpoint
def service_definition(request, code, *, fmt):
    category = selectors.category(code)
    if category is None:
        raise Open311Error(404, _("No service with service_code %(code)s.") % {"code": code[:40]})
    payload = serializers.service_definition(category, selectors.questions(category))
    return respond(fmt, "service_definition", None, payload)


@require_http_methods(["GET", "POST"])
@endpoint
def requests_(request, *, fmt):
    if request.method == "POST":
        return _post_request(request, fmt)
    return _get_requests(request, fmt)


def _place(post, key):
    lat = params.coordinate(post, "lat", -90, 90)
    lon = params.coordinate(post, "long", -180, 180)
    if (lat is None) != (lon is None):
        raise Open311Error(400, _("lat and long must be sent together."))
    address = params.text(post, "address_string", max_length=200)
    address_id = params.text(post, "address_id", max_length=64)
    node = None
    if address_id:
        node = Node.objects.filter(code=address_id).first()
        if node is None:
            raise Open311Error(
                400, _("address_id %(id)s is not a known place.") % {"id": address_id}
            )
    if lat is None and node is None:
        if not address:
            raise Open311Error(400, _("Send lat and long, address_string or address_id."))
        node = key.node or Node.get_first_root_node()
    if node is not None and key.node is not None and not node.path.startswith(key.node.path):
        raise Open311Error(
            403, _("This api_key may not report outside %(node)s.") % {"node": key.node.name}
        )
    return lat, lon, address, node


def _post_request(request, fmt):
    post = request.POST
    key = _key(request, required=True)
    code = params.text(post, "service_code", max_length=40, required=True)
    category = selectors.category(code)
    if category is None:
        raise Open311Error(400, _("service_code %(code)s is not a known service.") % {"code": code})
    lat, lon, address, node = _place(post, key)
    description = params.text(post, "description", max_length=4000)
    if not description:
        raise Open311Error(400, _("description is required."))
    first = params.text(post, "first_name", max_length=25)
    last = params.text(post, "last_name", max_length=25)
    media_url = params.text(post, "media_url", max_length=500)
    account_id = params.text(post, "account_id", max_length=64)
    device_id = params.text(post, "device_id", max_length=64)
    idempotency = request.headers.get("Idempotency-Key") or ""
    if not idempotency and (device_id or account_id) and post.get("external_id"):
        idempotency = f"{device_id or account_id}:{post['external_id']}"
    case = case_report(
        category=category,
        description=description + (f"\n\n{media_url}" if media_url else ""),
        channel=Channel.OPEN311,
        actor=key.user,
        lat=lat,
        lon=lon,
        crs=params.text(post, "crs", max_length=10) or "wgs84",
        address=address,
        node=node if lat is None else None,
        reporter_name=f"{last}{first}".strip(),
        reporter_phone=params.text(post, "phone", max_length=20),
        reporter_email=params.text(post, "email", max_length=254),
        is_public=False,
        answers=params.attributes(post),
        external_id=params.text(post, "external_id", max_length=64),
        idempotency_key=f"open311:{key.pk}:{idempotency}" if idempotency else None,
    )
    duplicates = find_duplicates(
        category=case.category,
        text=case.description,
        lat=case.lat,
        lon=case.lon,
        node=case.node,
        exclude=case,
    )
    notice = ""
    if duplicates:
        notice = _("Possibly the same problem as %(refs)s.") % {
            "refs": ", ".join(d.case.reference for d in duplicates[:3])
        }
    row = {
        "service_request_id": case.reference,
        "token": case.reference,
        "service_notice": notice,
        "account_id": account_id,
    }
    status = 200 if getattr(case, "is_replay", False) else 201
    return respond(fmt, "service_requests", "request", [row], status=status)


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
        statuses = params.id_list(query, "status", limit=2)
        if statuses:
            unknown = [s for s in statuses if s not in STATES_FOR_STATUS]
            if unknown:
                raise Open311Error(
                    400, _("status must be open or closed, got %(s)s.") % {"s": unknown[0][:20]}
                )
            qs = qs.filter(state__in=[st for s in statuses for st in STATES_FOR_STATUS[s]])
    page_size = params.positive_int(query, "page_size", params.DEFAULT_LIMIT, params.MAX_PAGE_SIZE)
    page_number = params.positive_int(query, "page", 1, 10**6)
    qs = selectors.with_media(qs.order_by("-reported_at", "-id"), extensions)
    page = Paginator(qs, page_size, allow_empty_first_page=True).get_page(page_number)
    if page.number != page_number:
        rows = []
    else:
        rows = [_request_row(request, case, key, extensions) for case in page.object_list]
    return respond(fmt, "service_requests", "request", rows)


def _media_url(request, case) -> str:
    photos = getattr(case, "photo_list", None) or []
    return request.build_absolute_uri(photos[0].image.url) if photos else ""


def _request_row(request, case, key, extensions):
    notes = []
    if extensions:
        notes = [
            {
                "datetime": w3c(e.created_at),
                "status": e.to_state or "",
                "description": event_label(e),
            }
            for e in getattr(case, "public_events", [])
        ]
    full = key is not None and selectors.key_may_view(key, case)
    return serializers.request(
        case, full=full, media_url=_media_url(request, case), extensions=extensions, notes=notes
    )


@require_GET
@endpoint
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


@require_GET
@endpoint
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


UPDATE_TRANSITIONS = {"IN_PROGRESS": "start", "FIXED": "resolve", "CLOSED": "resolve"}


@require_http_methods(["GET", "POST"])
@endpoint
def request_updates(request, *, fmt):
    """FixMyStreet's extension: public updates on requests (GET) and updates from a department
    system (POST: IN_PROGRESS starts handling, FIXED/CLOSED resolves, as the key's party)."""
    if request.method == "POST":
        return _post_update(request, fmt)
    key = _key(request, required=False)
    start, end = params.date_window(request.GET)
    readable = selectors.readable_cases(key)
    rows = []
    for event in selectors.updates(start, end, readable)[: params.DEFAULT_LIMIT]:
        rows.append(serializers.update(event, event.case, event.note or event_label(event)))
    return respond(fmt, "service_request_updates", "request_update", rows)


def _post_update(request, fmt):
    from gongzhi.cases.services.workflow import case_resolve, case_start_handling

    post = request.POST
    key = _key(request, required=True)
    reference = params.text(post, "service_request_id", max_length=40, required=True)
    status = params.text(post, "status", max_length=40, required=True).upper()
    description = params.text(post, "description", max_length=4000)
    action = UPDATE_TRANSITIONS.get(status)
    if action is None:
        raise Open311Error(
            400,
            _("status %(s)s cannot be posted; use one of %(allowed)s.")
            % {"s": status, "allowed": ", ".join(UPDATE_TRANSITIONS)},
        )
    case = selectors.readable_cases(key).filter(reference=reference).first()
    if case is None:
        raise Open311Error(404, _("No service request %(id)s.") % {"id": reference})
    if action == "start":
        case = case_start_handling(case=case, actor=key.user, note=description)
    else:
        if not description:
            raise Open311Error(400, _("description is required when resolving."))
        case = case_resolve(case=case, actor=key.user, note=description)
    event = case.events.order_by("-id").first()
    row = serializers.update(event, case, description or event_label(event))
    return respond(fmt, "service_request_updates", "request_update", [row])
