"""POST Service Request: a GeoReport v2 report enters the same intake as every other channel
(``cases.services.intake.case_report``): the same checks, location, routing, duplicate notice
and idempotency."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gongzhi.cases.choices import Channel
from gongzhi.cases.locating import locate_node, to_wgs84
from gongzhi.cases.selectors.duplicates import duplicate_references
from gongzhi.cases.services.intake import DESCRIPTION_MAX, case_report
from gongzhi.open311 import params, selectors
from gongzhi.open311.errors import Open311Error
from gongzhi.org.gazetteer import locate_address
from gongzhi.org.models import Node

# external_id is stored per key (``<key prefix>:<id>``) so that two clients' ids never meet.
EXTERNAL_ID_MAX = 50


def _by_address(address, key):
    """(node, placement) for a report that names only an address: the gazetteer's place inside
    the key's subtree, else the key's node (or the district) for its dispatcher to place."""
    match = locate_address(address, within=key.node)
    if match is not None:
        node = match.node
        return node, {"how": match.how, "matched": match.matched, "node": node.code}
    node = key.node or Node.objects.get_first_root_node()
    return node, {"how": "fallback", "matched": "", "node": node.code}


def _place(post, key):
    """GeoReport v2: "lat & long both required, or address_string, or address_id".

    Returns (lat, lon, address, node, placement); ``placement`` says how an address-only
    report was placed (``None`` for a point or an address_id)."""
    lat = params.coordinate(post, "lat", -90, 90)
    lon = params.coordinate(post, "long", -180, 180)
    if (lat is None) != (lon is None):
        raise Open311Error(400, _("lat and long must be sent together."))
    address = params.text(post, "address_string", max_length=200)
    address_id = params.text(post, "address_id", max_length=64)
    node, placement = None, None
    if address_id:
        node = Node.objects.filter(code=address_id).first()
        if node is None:
            raise Open311Error(
                400, _("address_id %(id)s is not a known place.") % {"id": address_id}
            )
    if lat is None and node is None:
        if not address:
            raise Open311Error(
                400, _("Send lat and long, address_string or address_id: where is the problem?")
            )
        node, placement = _by_address(address, key)
    if lat is not None and key.node is not None:
        located = locate_node(
            *to_wgs84(lon, lat, params.text(post, "crs", max_length=10) or "wgs84")
        )
        node = node if located is None else located  # outside every grid: intake says so
    if node is not None and key.node is not None and not node.path.startswith(key.node.path):
        raise Open311Error(
            403, _("This api_key may not report outside %(node)s.") % {"node": key.node.name}
        )
    return lat, lon, address, node, placement


def _publish_consent(post) -> bool | None:
    """The reporter's word on publication (our extension ``public``: true/false); GeoReport v2
    has no such field, so a client that does not send it has not asked its user."""
    value = params.text(post, "public", max_length=5).lower()
    return {"true": True, "1": True, "false": False, "0": False}.get(value)


def _description(post, category) -> str:
    """GeoReport v2 makes ``description`` optional (at most 4,000 characters); our cases need
    words, so a report without any is described by its service's name."""
    description = params.text(post, "description", max_length=DESCRIPTION_MAX)
    return description or category.name


def _media(post, files) -> dict:
    """``media`` (multipart photos) and ``media_url``: only looked at when sent. The URL is
    stored with the case as the client sent it; the server never fetches it."""
    extra = {}
    media_url = params.text(post, "media_url", max_length=500)
    if media_url:
        if not media_url.startswith(("http://", "https://")):
            raise Open311Error(400, _("media_url must be an http:// or https:// URL."))
        extra["media_url"] = media_url
    if files:
        photos = files.getlist("media")
        if photos:
            extra["photos"] = photos
    return extra


def _idempotency(request_headers, post, key, device_id, account_id) -> str | None:
    """Idempotency-Key header, or the client's own id for the report (device or account plus
    external_id); scoped to the key, so that two clients' keys never meet."""
    raw = params.text(request_headers, "Idempotency-Key", max_length=100)
    if not raw and (device_id or account_id) and post.get("external_id"):
        raw = f"{device_id or account_id}:{params.text(post, 'external_id', max_length=64)}"
    return f"open311:{key.pk}:{raw}"[:128] if raw else None


def post_request(post, key, headers=None, files=None):
    """Take in one POSTed report; return ([row], status) for ``render.respond``: 201 for a new
    request, 200 for a retry of one already taken in."""
    code = params.text(post, "service_code", max_length=40, required=True)
    category = selectors.category(code)
    if category is None:
        raise Open311Error(
            400,
            _("service_code %(code)s is not a known service; GET services.json lists them.")
            % {"code": code},
        )
    params.text(post, "jurisdiction_id", max_length=100)  # accepted: one jurisdiction here
    lat, lon, address, node, placement = _place(post, key)
    if lat is not None:
        node = None  # the point places the case; the node above only checked the key's reach
    description = _description(post, category)
    first = params.text(post, "first_name", max_length=25)
    last = params.text(post, "last_name", max_length=25)
    account_id = params.text(post, "account_id", max_length=64)
    device_id = params.text(post, "device_id", max_length=64)
    external_id = params.text(post, "external_id", max_length=EXTERNAL_ID_MAX)
    case = case_report(
        category=category,
        description=description,
        channel=Channel.OPEN311,
        actor=key.user,
        lat=lat,
        lon=lon,
        crs=params.text(post, "crs", max_length=10) or "wgs84",
        address=address,
        node=node,
        reporter_name=f"{last}{first}".strip(),  # Chinese order: family name first
        reporter_phone=params.text(post, "phone", max_length=20),
        reporter_email=params.text(post, "email", max_length=254),
        # Private on arrival whatever the reporter said: staff publish after review
        # (gongzhi.cases.disclosure); the consent is kept for that review.
        is_public=_publish_consent(post),
        placement=placement,
        answers=params.attributes(post),
        external_id=f"{key.prefix}:{external_id}" if external_id else "",
        idempotency_key=_idempotency(headers or {}, post, key, device_id, account_id),
        **_media(post, files),
    )
    row = {
        "service_request_id": case.reference,
        "token": case.reference,
        "service_notice": _notice(case, placement),
        "account_id": account_id,
    }
    return [row], (200 if case.is_replay else 201)


def _placement_text(case, placement) -> str:
    """How an address-only report was placed, in words."""
    if not placement:
        return ""
    if placement["how"] == "fallback":
        return _(
            "No place we know matches the address %(address)s: the report waits at %(node)s "
            "for a dispatcher to place it."
        ) % {"address": case.address[:60], "node": case.node.name}
    # The community and the grid it lies in, then the place itself (one query).
    place = " · ".join(
        n.name
        for n in case.node.ancestors(include_self=True)
        if n.level in ("community", "grid") or n.pk == case.node_id
    )
    if placement["how"] == "building":
        return _("Placed by its address: %(matched)s is %(place)s.") % {
            "matched": placement["matched"],
            "place": place,
        }
    return _("Placed by its address at %(place)s (it names no building we know).") % {
        "place": place
    }


def _notice(case, placement=None) -> str:
    """GeoReport v2's ``service_notice``: how an address was placed, where the report went,
    whether it looks like a report already open (the same duplicate check as every channel)
    and that it stays private until staff publish it."""
    duplicates = duplicate_references(
        category=case.category,
        text=case.description,
        lat=case.lat,
        lon=case.lon,
        node=case.node,
        at=case.reported_at,
        exclude=case,
    )
    notice = " ".join(filter(None, [_placement_text(case, placement), case.routing_text]))
    if duplicates:
        same = _("Possibly the same problem as %(refs)s.") % {"refs": ", ".join(duplicates[:3])}
        notice = f"{notice} {same}".strip()
    if not case.is_public:
        private = _("It is not public until staff have reviewed it.")
        notice = f"{notice} {private}".strip()
    return notice
