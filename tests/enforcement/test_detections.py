"""Monitoring systems push detections through the platform API: authenticated by key,
idempotent, duplicates linked, never an accepted case until a person verifies it."""

import base64
import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongzhi.api.keys import apikey_create, apikey_revoke
from gongzhi.cases.models import Case
from gongzhi.core.models import AuditEntry
from gongzhi.enforcement.choices import DetectionState, FoundBy, RecordState
from gongzhi.enforcement.errors import ProcedureConflict
from gongzhi.enforcement.models import Detection, IllegalStructure
from gongzhi.enforcement.services import detection_reject, detection_verify
from tests.enforcement.conftest import GRID1, GRID2, jpeg

URL = "/api/enforcement/detections"


@pytest.fixture
def key(world):
    _key, plain = apikey_create(
        name="camera-1", node=world["community"], permissions=["enforcement.push_detection"]
    )
    return plain


def payload(**extra):
    body = {
        "source_id": "cam-07",
        "detection_id": "d-0001",
        "detected_at": (timezone.now() - dt.timedelta(minutes=3)).isoformat(),
        "confidence": 0.87,
        "image_url": "https://monitor.example.org/frames/d-0001.jpg",
        **GRID1,
    }
    body.update(extra)
    return body


def push(client, key, **extra):
    return client.post(
        URL, data=json.dumps(payload(**extra)), content_type="application/json", HTTP_X_API_KEY=key
    )


def test_push_needs_a_valid_key_with_the_permission(world, client, key):
    assert push(client, "").status_code == 401
    assert push(client, "gz_nope_nope").status_code == 401
    _other, weak = apikey_create(
        name="reader", node=world["community"], permissions=["org.view_node"]
    )
    response = push(client, weak)
    assert response.status_code == 403
    assert not Detection.objects.exists()
    key_row = apikey_create(name="camera-2", permissions=["enforcement.push_detection"])
    apikey_revoke(key=key_row[0])
    assert push(client, key_row[1]).status_code == 401


def test_push_outside_the_keys_area_is_refused(world, client, make_user):
    from gongzhi.api.keys import apikey_create

    _k, grid2_key = apikey_create(
        name="camera-g2", node=world["grid2"], permissions=["enforcement.push_detection"]
    )
    assert push(client, grid2_key).status_code == 403
    assert push(client, grid2_key, **GRID2).status_code == 201


def test_push_creates_a_pending_detection_and_no_case(world, client, key):
    response = push(client, key)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == DetectionState.PENDING
    assert body["node"] == world["grid1"].code
    assert body["created"] is True
    assert not Case.objects.exists()
    assert not IllegalStructure.objects.exists()
    assert AuditEntry.objects.filter(action="enforcement.detection.received").count() == 1


def test_push_is_idempotent_on_source_and_detection_id(world, client, key):
    first = push(client, key).json()
    again = push(client, key, confidence=0.1)
    assert again.status_code == 200
    assert again.json()["id"] == first["id"] and again.json()["created"] is False
    assert Detection.objects.count() == 1
    assert Detection.objects.get().confidence == 0.87


def test_a_duplicate_nearby_is_linked_not_repeated(world, client, key):
    first = push(client, key).json()
    near = push(client, key, detection_id="d-0002", lat=GRID1["lat"] + 0.0001).json()
    far = push(client, key, detection_id="d-0003", lat=GRID1["lat"] + 0.01).json()
    assert near["state"] == DetectionState.DUPLICATE and near["duplicate_of"] == first["id"]
    assert far["state"] == DetectionState.PENDING


def test_a_detection_at_an_open_record_is_linked_to_it(world, client, key, open_structure):
    record = open_structure(**GRID1)
    body = push(client, key).json()
    assert body["state"] == DetectionState.DUPLICATE
    assert body["record"] == record.reference
    assert IllegalStructure.objects.count() == 1


def test_bad_input_answers_400_naming_the_field(world, client, key):
    cases = [
        ({"confidence": 1.5}, "confidence"),
        ({"lat": 10.0, "lon": 10.0}, "lat"),
        ({"detected_at": "2026-01-01T08:00:00"}, "detected_at"),
        ({"detected_at": (timezone.now() + dt.timedelta(days=1)).isoformat()}, "detected_at"),
        ({"image_url": "javascript:alert(1)"}, "image_url"),
        ({"image_url": None}, "image_url"),
        ({"source_id": "cam 07 <script>"}, "source_id"),
        ({"image_url": None, "image_base64": "!!notbase64"}, "image_base64"),
    ]
    for extra, field in cases:
        response = push(client, key, **extra)
        assert response.status_code == 400, (extra, response.content)
        assert field in {e["field"] for e in response.json()["errors"]}, (extra, response.json())
    assert not Detection.objects.exists()


def test_push_with_an_image(world, client, key):
    image = base64.b64encode(jpeg()).decode()
    response = push(client, key, image_url=None, image_base64=image)
    assert response.status_code == 201
    assert Detection.objects.get().image
    upload = client.post(
        f"{URL}/upload",
        data={**payload(detection_id="d-9", lat=32.08), "image": _file()},
        HTTP_X_API_KEY=key,
    )
    assert upload.status_code == 201, upload.content


def _file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("frame.jpg", jpeg(), content_type="image/jpeg")


def test_status_can_be_read_back(world, client, key):
    push(client, key)
    response = client.get(f"{URL}/cam-07/d-0001", HTTP_X_API_KEY=key)
    assert response.status_code == 200 and response.json()["state"] == "pending"
    assert client.get(f"{URL}/cam-07/nope", HTTP_X_API_KEY=key).status_code == 404


def test_verifying_opens_the_case_and_the_record(world, client, key):
    push(client, key)
    push(client, key, detection_id="d-0002", lat=GRID1["lat"] + 0.0001)
    detection = Detection.objects.get(detection_id="d-0001")
    with pytest.raises(PermissionDenied):
        detection_verify(
            detection=detection,
            actor=world["users"]["grid_worker"],
            structure_type="shed",
            area_found="9",
            address="x",
        )
    record = detection_verify(
        detection=detection,
        actor=world["users"]["officer"],
        structure_type="balcony",
        area_found="9.5",
        address="测试社区4幢302阳台",
    )
    assert record.found_by == FoundBy.MONITORING and record.state == RecordState.FOUND
    assert record.case.channel == "monitoring" and record.case.state == "reported"
    assert Detection.objects.get(detection_id="d-0002").linked_record == record
    with pytest.raises(ProcedureConflict):
        detection_reject(detection=detection, actor=world["users"]["staff"], reason="x")


def test_rejecting_closes_the_detection(world, client, key):
    push(client, key)
    detection = Detection.objects.get()
    rejected = detection_reject(
        detection=detection, actor=world["users"]["staff"], reason="是晾衣架"
    )
    assert rejected.state == DetectionState.REJECTED
    assert not Case.objects.exists()
    # A new detection at the same place is no longer a duplicate of the rejected one.
    assert push(client, key, detection_id="d-0002").json()["state"] == "pending"


def test_detection_pages(world, client, key):
    push(client, key)
    detection = Detection.objects.get()
    client.force_login(world["users"]["officer"])
    assert client.get("/enforcement/detections/").status_code == 200
    page = client.get(f"/enforcement/detections/{detection.pk}/")
    assert page.status_code == 200 and b"verify-address" in page.content
    response = client.post(
        f"/enforcement/detections/{detection.pk}/",
        {
            "verify-structure_type": "shed",
            "verify-area_found": "12",
            "verify-address": "测试社区5幢",
        },
    )
    assert response.status_code == 302
    assert IllegalStructure.objects.get().found_by == FoundBy.MONITORING
    client.force_login(world["users"]["other_grid_worker"])
    assert client.get(f"/enforcement/detections/{detection.pk}/").status_code == 404


def test_the_endpoints_are_in_the_api_docs(world, client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/enforcement/detections" in schema["paths"]
    assert "/api/enforcement/detections/upload" in schema["paths"]
    post = schema["paths"]["/api/enforcement/detections"]["post"]
    assert {"200", "201", "400", "401", "403"} <= set(post["responses"])
