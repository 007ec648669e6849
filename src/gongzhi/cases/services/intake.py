"""Intake: every channel's reports enter here, are located, routed and numbered; supports."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import (
    ANSWERS_OPTIONAL_CHANNELS,
    ON_SITE_CHANNELS,
    OPEN_STATES,
    STAFF_CHANNELS,
    Action,
    Channel,
    PhotoStage,
    State,
    Step,
)
from gongzhi.cases.disclosure import published_on_arrival
from gongzhi.cases.locating import locate_node, to_wgs84
from gongzhi.cases.models import Case, CaseAnswer, CaseSupport
from gongzhi.cases.policy import policy_for
from gongzhi.cases.questions import validate_answers
from gongzhi.cases.references import next_reference
from gongzhi.cases.routing import route, routing_sentence
from gongzhi.cases.services.common import lock_case, record
from gongzhi.cases.services.notifications import notify
from gongzhi.cases.services.photos import store_photos
from gongzhi.core.images import files_guard, process_photos
from gongzhi.org.access import can
from gongzhi.org.models import Person
from gongzhi.worktime import clock

DESCRIPTION_MAX = 4000
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{2,18}[0-9]$")


def _existing(idempotency_key, channel, external_id):
    if idempotency_key:
        case = Case.objects.filter(idempotency_key=idempotency_key).first()
        if case is not None:
            return case
    if external_id:
        # The exclude repeats the condition of the partial unique index on (channel,
        # external_id) so that SQLite's planner uses it instead of scanning the table.
        return (
            Case.objects.filter(channel=channel, external_id=external_id)
            .exclude(external_id="")
            .first()
        )
    return None


def _replay(case) -> Case:
    case.is_replay = True
    return case


def _float(value, field):
    if isinstance(value, bool):
        raise ValidationError({field: _("Enter a number.")})
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: _("Enter a number.")}) from exc
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationError({field: _("Enter a number.")})
    return number


def _place(lat, lon, crs, node):
    """(lat, lon, node) in WGS84 from the reported point, or the given node alone."""
    if lat is None and lon is None:
        if node is None:
            raise ValidationError({"lat": _("Pick the place on the map or give the grid.")})
        return None, None, node
    if lat is None or lon is None:
        raise ValidationError({"lat": _("Give both latitude and longitude.")})
    lat, lon = _float(lat, "lat"), _float(lon, "lon")
    if not -90 <= lat <= 90:
        raise ValidationError({"lat": _("Latitude must be between -90 and 90.")})
    if not -180 <= lon <= 180:
        raise ValidationError({"lon": _("Longitude must be between -180 and 180.")})
    lon, lat = to_wgs84(lon, lat, crs)
    located = locate_node(lon, lat, "wgs84")
    if located is None and node is None:
        raise ValidationError({"lat": _("This place is outside the area we serve.")})
    return lat, lon, located or node


def _contact(name, phone, email):
    name, phone, email = (name or "").strip(), (phone or "").strip(), (email or "").strip()
    if len(name) > 50:
        raise ValidationError({"reporter_name": _("At most 50 characters, please.")})
    if phone and not _PHONE.match(phone):
        raise ValidationError({"reporter_phone": _("Enter a phone number (digits only).")})
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"reporter_email": _("Enter a valid e-mail address.")}) from exc
    return name, phone, email


def case_report(**kwargs) -> Case:
    """Take in one report from any channel; return the case (``case.is_replay`` tells whether
    it existed already). See :func:`_take_in` for the arguments.

    A retry is not looked up first (that would cost every report a query): the unique indexes
    on ``idempotency_key`` and on (channel, ``external_id``) refuse its insert — a concurrent
    retry's as well — and a report that collides there, or that does not validate, answers
    with the case an earlier attempt made when there is one. The retry's own transaction
    rolls back, so it writes nothing.
    """
    try:
        return _take_in(**kwargs)
    except (IntegrityError, ValidationError, PermissionDenied):
        idempotency_key = (kwargs.get("idempotency_key") or "").strip()
        external_id = (kwargs.get("external_id") or "").strip()
        if not (idempotency_key or external_id) or len(idempotency_key) > 128:
            raise
        existing = _existing(idempotency_key, kwargs.get("channel"), external_id[:64])
        if existing is None:
            raise
        return _replay(existing)


def _take_in(
    *,
    category,
    description: str,
    channel: str,
    actor=None,
    lat: float | None = None,
    lon: float | None = None,
    crs: str = "wgs84",
    address: str = "",
    node=None,
    reporter_user=None,
    reporter_person: Person | None = None,
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    is_anonymous: bool = False,
    is_public: bool | None = False,
    answers: dict | None = None,
    photos=(),
    external_id: str = "",
    idempotency_key: str | None = None,
    reported_at=None,
    placement: dict | None = None,
    media_url: str = "",
) -> Case:
    """Take in one report from any channel; return the case (``case.is_replay`` tells whether
    it existed already).

    A retry with the same ``idempotency_key`` (or the same ``external_id`` on the channel)
    returns the existing case and writes nothing. The point (``crs`` wgs84/gcj02/bd09) places
    the case in the deepest node; ``node`` is used when there is no point. Staff channels need
    ``cases.report_for_others`` at that node; web, Open311 and monitoring intake is
    authenticated by the caller. ``is_public`` is the reporter's word on publication (``None``:
    not asked); whether the case is published follows the category's policy
    (``gongzhi.cases.disclosure``). ``placement`` (how an address was placed) goes into the
    report's timeline entry. ``media_url`` (a photo elsewhere) is stored, never fetched.
    Raises ``ValidationError`` naming the field.
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")})
    idempotency_key = (idempotency_key or "").strip() or None
    external_id = (external_id or "").strip()
    if idempotency_key and len(idempotency_key) > 128:
        raise ValidationError({"idempotency_key": _("At most 128 characters, please.")})
    if len(external_id) > 64:
        raise ValidationError({"external_id": _("At most 64 characters, please.")})
    if category is None or category.is_group or not category.is_active:
        raise ValidationError({"category": _("Choose a category from the list.")})
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Describe the problem, please.")})
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(
            {"description": _("At most %(n)d characters, please.") % {"n": DESCRIPTION_MAX}}
        )
    media_url = _media_url(media_url)
    address = (address or "").strip()
    if len(address) > 200:
        raise ValidationError({"address": _("At most 200 characters, please.")})
    if reported_at is not None and (
        timezone.is_naive(reported_at) or reported_at > timezone.now() + dt.timedelta(minutes=5)
    ):
        raise ValidationError({"reported_at": _("Give a time with its zone, not in the future.")})
    lat, lon, node = _place(lat, lon, crs, node)
    if channel in STAFF_CHANNELS and not (
        actor is not None
        and (getattr(actor, "is_superuser", False) or can(actor, perms.REPORT_FOR_OTHERS, node))
    ):
        raise PermissionDenied(
            _("You may not enter cases for others at %(node)s.") % {"node": node}
        )
    if (
        channel == Channel.WEB
        and reporter_user is None
        and getattr(actor, "is_authenticated", False)
    ):
        reporter_user = actor
    if reporter_person is None and reporter_user is not None:
        reporter_person = Person.objects.filter(user=reporter_user).first()
    name, phone, email = _contact(reporter_name, reporter_phone, reporter_email)
    if reporter_user is not None and not email:
        email = ""  # e-mail to a login goes to the login's own address
    cleaned = validate_answers(
        category, answers, enforce_required=channel not in ANSWERS_OPTIONAL_CHANNELS
    )
    processed = process_photos(photos)
    if category.photo_required_at_report and channel in ON_SITE_CHANNELS and not processed:
        raise ValidationError({"photos": _("This category needs a photo of the problem.")})
    fields = {
        "category": category,
        "description": description,
        "channel": channel,
        "lat": lat,
        "lon": lon,
        "address": address,
        "node": node,
        "reporter_user": reporter_user,
        "reporter_person": reporter_person,
        "reporter_name": name,
        "reporter_phone": phone,
        "reporter_email": email,
        "is_anonymous": bool(is_anonymous),
        "publish_consent": None if is_public is None else bool(is_public),
        "is_public": published_on_arrival(
            category=category,
            channel=channel,
            consent=None if is_public is None else bool(is_public),
        ),
        "external_id": external_id,
        "idempotency_key": idempotency_key,
        "reported_at": reported_at,
        "media_url": media_url,
    }
    return create_case(
        fields=fields,
        answers=cleaned,
        processed=processed,
        actor=actor,
        data={"placement": placement} if placement else None,
    )


def _media_url(value) -> str:
    """An http(s) URL of at most 500 characters, kept as text: the server never fetches it."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as exc:
        raise ValidationError({"media_url": _("Give an http:// or https:// URL.")}) from exc
    if len(value) > 500:
        raise ValidationError({"media_url": _("At most %(n)d characters, please.") % {"n": 500}})
    return value


def create_case(*, fields: dict, answers: dict, processed, actor, data: dict | None = None) -> Case:
    """Number, route and store an already validated case (used by intake and linked cases)."""
    now = timezone.now()
    node, category = fields["node"], fields["category"]
    routing = route(node=node, category=category)
    with files_guard(), transaction.atomic():
        case = Case(
            **fields,
            reference=next_reference(policy_for(node).reference_prefix, now),
            state=State.REPORTED,
            routing=routing,
            routing_text=routing_sentence(routing)[:500],
            routed_party_id=(routing["party"] or {}).get("id"),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        case.reported_at = case.reported_at or now
        case.step = Step.ACCEPT
        case.step_seq = 1
        case.step_started_at = now
        amount, unit = category.limit_for(Step.ACCEPT)
        case.step_deadline_at = clock.deadline(now, amount, unit, node=node)
        case.save()
        # Kept on the case for an answer built without reading it back (the API's).
        case.created_answers = CaseAnswer.objects.bulk_create(
            [CaseAnswer(case=case, question=q, value=v) for q, v in answers.items()]
        )
        store_photos(case=case, processed=processed, stage=PhotoStage.BEFORE, actor=actor)
        case.created_event = record(
            case,
            Action.REPORT,
            actor=actor,
            to_state=State.REPORTED,
            public=True,
            data={
                "channel": case.channel,
                "photos": len(processed),
                "deadline_ts": int(case.step_deadline_at.timestamp()),
                **(data or {}),
            },
            new={"state": State.REPORTED, "node": node.code, "category": category.code},
        )
        if case.reporter_user_id:
            notify(
                users=[case.reporter_user],
                verb="case_moved",
                case=case,
                data={"action": Action.REPORT},
            )
    case.is_replay = False
    return case


def case_support(*, case, actor=None, person: Person | None = None) -> Case:
    """Add a "me too" to an open case instead of a new report (once per login and person)."""
    if actor is None and person is None:
        raise ValidationError({"person": _("Say who supports the case.")})
    user = actor if getattr(actor, "is_authenticated", False) else None
    if person is None and user is not None:
        person = Person.objects.filter(user=user).first()
    with transaction.atomic():
        locked = lock_case(case)
        if locked.state not in OPEN_STATES:
            raise ValidationError(
                {"case": _("Case %(ref)s is not open any more.") % {"ref": locked.reference}}
            )
        if user is not None and locked.reporter_user_id == user.pk:
            return locked
        already = CaseSupport.objects.filter(case=locked)
        if (user and already.filter(user=user).exists()) or (
            person and already.filter(person=person).exists()
        ):
            return locked
        CaseSupport.objects.create(case=locked, user=user, person=person)
        Case.objects.filter(pk=locked.pk).update(support_count=F("support_count") + 1)
        locked.refresh_from_db(fields=["support_count"])
        record(locked, Action.SUPPORT, actor=user, public=True)
    return locked
