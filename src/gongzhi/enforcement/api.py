"""The platform API's enforcement router: monitoring systems push detections.

Registered on the platform API (``gongzhi.api.platform``) under ``/api/enforcement``. A
monitoring system authenticates with an API key (``X-API-Key``) that carries the permission
``enforcement.push_detection`` on the node it watches. A detection is never a case by itself: it
waits for a person to verify it.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from gongzhi.core.errors_schema import ErrorOut
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.models import Detection
from gongzhi.enforcement.services.detections import detection_receive

router = Router(tags=["enforcement"])

MAX_IMAGE_BASE64 = 14 * 1024 * 1024  # about 10 MB of image


class DetectionIn(Schema):
    source_id: str = Field(..., max_length=64, description="the monitoring system (camera, drone)")
    detection_id: str = Field(..., max_length=64, description="unique within the source")
    detected_at: datetime = Field(..., description="ISO 8601 with its zone, e.g. +08:00")
    lat: float
    lon: float
    crs: str = Field("wgs84", description="wgs84, gcj02 (高德/腾讯) or bd09 (百度)")
    confidence: float = Field(..., ge=0, le=1)
    image_url: str | None = Field(None, max_length=500, description="http(s) address of the image")
    image_base64: str | None = Field(None, description="the image itself (JPEG/PNG), base64")


class DetectionOut(Schema):
    id: int
    source_id: str
    detection_id: str
    state: str = Field(description="pending, verified, rejected or duplicate")
    node: str = Field(description="code of the grid the place lies in")
    duplicate_of: int | None = None
    record: str | None = Field(None, description="reference of the linked record")
    created: bool = Field(description="false when this detection had been received before")


RESPONSES = {200: DetectionOut, 201: DetectionOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut}


def _out(detection: Detection, created: bool) -> dict:
    return {
        "id": detection.pk,
        "source_id": detection.source_id,
        "detection_id": detection.detection_id,
        "state": detection.state,
        "node": detection.node.code,
        "duplicate_of": detection.duplicate_of_id,
        "record": detection.linked_record.reference if detection.linked_record_id else None,
        "created": created,
    }


def _receive(request, payload, image):
    detection, created = detection_receive(
        actor=request.user,
        source_id=payload.source_id,
        detection_id=payload.detection_id,
        detected_at=payload.detected_at,
        lat=payload.lat,
        lon=payload.lon,
        crs=payload.crs,
        confidence=payload.confidence,
        image_url=payload.image_url or "",
        image=image,
    )
    # 201 for a new detection, 200 for a replay: built here so that it works on every
    # django-ninja version the project allows.
    return JsonResponse(_out(detection, created), status=201 if created else 200)


@router.post("/detections", response=RESPONSES)
def push_detection(request, payload: DetectionIn):
    """Push one detection (JSON). The same ``(source_id, detection_id)`` again answers 200 with
    the stored detection and creates nothing; a new one answers 201. Near an open record or a
    detection awaiting verification it is linked to that one (state ``duplicate``)."""
    image = None
    if payload.image_base64:
        if len(payload.image_base64) > MAX_IMAGE_BASE64:
            raise ValidationError({"image_base64": _("The image is too large.")})
        try:
            image = base64.b64decode(payload.image_base64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError({"image_base64": _("This is not base64.")}) from exc
    return _receive(request, payload, image)


@router.post("/detections/upload", response=RESPONSES)
def push_detection_upload(
    request, payload: Form[DetectionIn], image: File[UploadedFile] | None = None
):
    """Push one detection with its image as a multipart upload (field ``image``)."""
    return _receive(request, payload, image)


@router.get(
    "/detections/{source_id}/{detection_id}",
    response={200: DetectionOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def get_detection(request, source_id: str, detection_id: str):
    """Where a pushed detection stands (pending, verified, rejected, duplicate)."""
    detection = get_object_or_404(
        Detection.objects.visible_to(request.user, perms.PUSH_DETECTION).select_related(
            "node", "linked_record"
        ),
        source_id=source_id,
        detection_id=detection_id,
    )
    return _out(detection, False)
