"""Detections from monitoring systems: received (idempotent, duplicates linked), then verified
into a case and a record by a person, or rejected."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases.choices import Channel
from gongzhi.cases.locating import locate_node, to_wgs84
from gongzhi.cases.services.intake import case_report
from gongzhi.core.audit import log_action
from gongzhi.core.images import files_guard, process_photo, save_file
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement import validate as v
from gongzhi.enforcement.categories import default_category, structure_answer_codes
from gongzhi.enforcement.choices import OPEN_STATES, DetectionState, FoundBy, StructureType
from gongzhi.enforcement.errors import ProcedureConflict
from gongzhi.enforcement.geo import bbox_around, distance_m
from gongzhi.enforcement.models import Detection, IllegalStructure
from gongzhi.enforcement.services.common import authority_for, is_allowed
from gongzhi.enforcement.services.records import open_record

_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")
DEFAULT_RADIUS_M = 30


def _clean_id(value, field: str) -> str:
    value = "" if value is None else str(value).strip()
    if not _ID.match(value):
        raise ValidationError(
            {field: _("1–64 letters, digits, dots, dashes, colons or underscores.")}
        )
    return value


def _nearest(queryset, lat: float, lon: float, radius: float):
    """The nearest row of ``queryset`` (with lat/lon) within ``radius`` metres, or None."""
    min_lat, max_lat, min_lon, max_lon = bbox_around(lat, lon, radius)
    candidates = queryset.filter(
        lat__gte=min_lat, lat__lte=max_lat, lon__gte=min_lon, lon__lte=max_lon
    )
    best, best_d = None, radius
    for row in candidates:
        d = distance_m(lat, lon, row.lat, row.lon)
        if d <= best_d:
            best, best_d = row, d
    return best


def detection_receive(
    *,
    actor,
    source_id: str,
    detection_id: str,
    detected_at,
    lat,
    lon,
    confidence,
    crs: str = "wgs84",
    image_url: str = "",
    image=None,
) -> tuple[Detection, bool]:
    """Take in one detection; return it and whether it is new.

    The same ``(source_id, detection_id)`` again returns the stored detection and writes
    nothing. Near (within the authority's radius) an open record or a detection still awaiting
    verification, it is linked to that one as a duplicate. The actor (a monitoring system's API
    key) needs ``enforcement.push_detection`` at the place.
    """
    source_id = _clean_id(source_id, "source_id")
    detection_id = _clean_id(detection_id, "detection_id")
    existing = Detection.objects.filter(source_id=source_id, detection_id=detection_id).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    if not isinstance(detected_at, dt.datetime) or timezone.is_naive(detected_at):
        raise ValidationError({"detected_at": _("Give a time with its zone.")})
    if detected_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"detected_at": _("This time lies in the future.")})
    try:
        lat, lon, confidence = float(lat), float(lon), float(confidence)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {"lat": _("Latitude, longitude and confidence are numbers.")}
        ) from exc
    if not 0 <= confidence <= 1:
        raise ValidationError({"confidence": _("Confidence lies between 0 and 1.")})
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError({"lat": _("This is not a place on earth.")})
    lon, lat = to_wgs84(lon, lat, crs)
    node = locate_node(lon, lat, "wgs84")
    if node is None:
        raise ValidationError({"lat": _("This place is outside the area we serve.")})
    if not is_allowed(actor, perms.PUSH_DETECTION, node):
        raise PermissionDenied(_("This key may not send detections for %(node)s.") % {"node": node})
    image_url = (image_url or "").strip()
    if image_url:
        if len(image_url) > 500:
            raise ValidationError({"image_url": _("At most 500 characters, please.")})
        try:
            URLValidator(schemes=["http", "https"])(image_url)
        except ValidationError as exc:
            raise ValidationError({"image_url": _("Enter an http or https address.")}) from exc
    photo = process_photo(image, label=_("The image")) if image is not None else None
    if photo is None and not image_url:
        raise ValidationError({"image_url": _("Send the image or its address.")})
    authority = authority_for(node)
    radius = authority.detection_radius_m if authority else DEFAULT_RADIUS_M
    try:
        with files_guard(), transaction.atomic():
            detection = Detection(
                source_id=source_id,
                detection_id=detection_id,
                detected_at=detected_at,
                lat=lat,
                lon=lon,
                node=node,
                confidence=confidence,
                image_url=image_url,
                received_from=str(getattr(actor, "get_username", lambda: "")())[:100],
            )
            record = _nearest(
                IllegalStructure.objects.filter(state__in=OPEN_STATES), lat, lon, radius
            )
            if record is not None:
                detection.state = DetectionState.DUPLICATE
                detection.linked_record = record
            else:
                earlier = _nearest(
                    Detection.objects.filter(state=DetectionState.PENDING), lat, lon, radius
                )
                if earlier is not None:
                    detection.state = DetectionState.DUPLICATE
                    detection.duplicate_of = earlier
            if photo is not None:
                save_file(detection.image, "detection.jpg", photo.content)
                save_file(detection.thumbnail, "detection_t.jpg", photo.thumbnail)
            detection.save()
            log_action(
                "enforcement.detection.received",
                actor=actor,
                obj=detection,
                new={"state": detection.state, "node": node.code},
                data={
                    "confidence": confidence,
                    "duplicate_of": detection.duplicate_of_id,
                    "record": record.reference if record else None,
                },
            )
    except IntegrityError:
        # The same detection arrived twice at once: answer with the one that was stored.
        existing = Detection.objects.filter(source_id=source_id, detection_id=detection_id).first()
        if existing is None:
            raise
        return existing, False
    return detection, True


def _lock_pending(detection, actor) -> Detection:
    locked = Detection.objects.select_for_update().select_related("node").get(pk=detection.pk)
    if not is_allowed(actor, perms.VERIFY_DETECTION, locked.node):
        raise PermissionDenied(_("You may not review detections here."))
    if locked.state != DetectionState.PENDING:
        raise ProcedureConflict(
            _("This detection was reviewed already (%(state)s).")
            % {"state": locked.get_state_display()},
            code="reviewed",
        )
    return locked


def detection_verify(
    *,
    detection,
    actor,
    structure_type: str,
    area_found,
    address: str,
    party_name: str = "",
    description: str = "",
) -> IllegalStructure:
    """A person confirms the detection shows an illegal structure: the case (channel
    *monitoring*) and the record open; the detections linked to it follow the record."""
    structure_type = v.choice(structure_type, "structure_type", StructureType)
    area = v.area(area_found, "area_found")
    address = v.text(address, "address", max_length=200, required=True)
    description = v.text(description, "description") or _(
        "Found by monitoring (%(source)s, confidence %(confidence).0f%%) and verified."
    ) % {"source": detection.source_id, "confidence": detection.confidence * 100}
    category = default_category()
    if category is None:
        raise ValidationError({"category": _("The illegal-structure category is missing.")})
    with transaction.atomic():
        locked = _lock_pending(detection, actor)
        photos = []
        if locked.image:
            with locked.image.open("rb") as handle:
                photos.append(handle.read())
        case = case_report(
            category=category,
            description=description,
            channel=Channel.MONITORING,
            actor=actor,
            lat=locked.lat,
            lon=locked.lon,
            address=address,
            answers=structure_answer_codes(category, structure_type, area),
            external_id=f"{locked.source_id}:{locked.detection_id}"[:64],
            photos=photos,
            reported_at=locked.detected_at,
        )
        record = open_record(
            actor=actor,
            case=case,
            structure_type=structure_type,
            area_found=area,
            address=address,
            found_by=FoundBy.MONITORING,
            party_name=party_name,
            description=description,
        )
        now = timezone.now()
        locked.state = DetectionState.VERIFIED
        locked.linked_record = record
        locked.reviewed_by = actor
        locked.reviewed_at = now
        locked.save(update_fields=["state", "linked_record", "reviewed_by", "reviewed_at"])
        Detection.objects.filter(duplicate_of=locked, linked_record__isnull=True).update(
            linked_record=record
        )
        log_action(
            "enforcement.detection.verified",
            actor=actor,
            obj=locked,
            old={"state": DetectionState.PENDING},
            new={"state": DetectionState.VERIFIED},
            data={"record": record.reference, "case": case.reference},
        )
    return record


def detection_reject(*, detection, actor, reason: str) -> Detection:
    """A person finds nothing illegal on the detection: it is closed with the reason."""
    reason = v.text(reason, "reason", max_length=1000, required=True)
    with transaction.atomic():
        locked = _lock_pending(detection, actor)
        locked.state = DetectionState.REJECTED
        locked.review_note = reason
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["state", "review_note", "reviewed_by", "reviewed_at"])
        log_action(
            "enforcement.detection.rejected",
            actor=actor,
            obj=locked,
            old={"state": DetectionState.PENDING},
            new={"state": DetectionState.REJECTED},
            data={"reason": reason},
        )
    return locked
