"""FixMyStreet's servicerequestupdates: GET the public updates, POST updates that move the
case through the cases app's services."""

import pytest

from gongzhi.cases.choices import Action, State
from gongzhi.cases.models import Case, CaseEvent
from tests.cases.helpers import drive
from tests.open311.helpers import error_of


@pytest.fixture
def dispatched(report, world):
    return drive(world, report(is_public=True), State.DISPATCHED)


def _post(client, key, **fields):
    return client.post("/open311/v2/servicerequestupdates.json", {"api_key": key, **fields})


def test_department_moves_its_case_to_in_progress_and_fixed(client, keys, dispatched):
    ref = dispatched.reference
    started = _post(client, keys["department"], service_request_id=ref, status="IN_PROGRESS")
    assert started.status_code == 201 and started.json()[0]["status"] == "IN_PROGRESS"
    assert Case.objects.get(pk=dispatched.pk).state == State.HANDLING
    fixed = _post(
        client, keys["department"], service_request_id=ref, status="FIXED", description="已修好"
    )
    assert fixed.status_code == 201
    assert Case.objects.get(pk=dispatched.pk).state == State.RESOLVED
    assert fixed.json()[0]["description"] == "已修好"


def test_repeated_update_is_answered_again_not_recorded_twice(client, keys, dispatched):
    fields = {
        "service_request_id": dispatched.reference,
        "status": "FIXED",
        "description": "已修好",
    }
    first = _post(client, keys["department"], **fields)
    again = _post(client, keys["department"], **fields)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()[0]["update_id"] == again.json()[0]["update_id"]
    assert CaseEvent.objects.filter(case=dispatched, action=Action.RESOLVE).count() == 1


def test_open_with_a_description_adds_a_public_note(client, keys, dispatched):
    response = _post(
        client,
        keys["reporter"],
        service_request_id=dispatched.reference,
        status="OPEN",
        description="今天早上电梯又停了",
    )
    assert response.status_code == 201
    event = CaseEvent.objects.get(case=dispatched, action=Action.COMMENT)
    assert event.public and event.note == "今天早上电梯又停了"
    assert Case.objects.get(pk=dispatched.pk).state == State.DISPATCHED


def test_a_stale_update_is_409(client, keys, dispatched, world):
    _post(
        client,
        keys["department"],
        service_request_id=dispatched.reference,
        status="FIXED",
        description="修好了",
    )
    text = error_of(
        _post(
            client,
            keys["department"],
            service_request_id=dispatched.reference,
            status="FIXED",
            description="又修了一次",
        ),
        409,
    )
    assert dispatched.reference in text


def test_a_party_that_does_not_handle_the_case_is_403(client, keys, report):
    case = report(is_public=True)  # not dispatched to anyone
    response = _post(
        client, keys["department"], service_request_id=case.reference, status="IN_PROGRESS"
    )
    assert error_of(response, 403)
    assert Case.objects.get(pk=case.pk).state == State.REPORTED


def test_bad_updates(client, keys, dispatched):
    ref = dispatched.reference
    assert "status" in error_of(_post(client, keys["department"], service_request_id=ref), 400)
    assert "PENDING" in error_of(
        _post(client, keys["department"], service_request_id=ref, status="PENDING"), 400
    )
    assert "DUPLICATE" in error_of(
        _post(
            client, keys["department"], service_request_id=ref, status="DUPLICATE", description="x"
        ),
        400,
    )
    assert "description" in error_of(
        _post(client, keys["reporter"], service_request_id=ref, status="OPEN"), 400
    )
    assert error_of(
        _post(client, keys["department"], service_request_id="NOPE", status="OPEN"), 404
    )
    assert error_of(_post(client, "gz_bad_key", service_request_id=ref, status="OPEN"), 403)


def test_get_updates_lists_public_moves_with_fms_statuses(client, dispatched):
    updates = client.get("/open311/v2/servicerequestupdates.json").json()
    assert [(u["service_request_id"], u["status"]) for u in updates] == [
        (dispatched.reference, "OPEN"),
        (dispatched.reference, "INVESTIGATING"),
        (dispatched.reference, "ACTION_SCHEDULED"),
    ]
    assert all(u["updated_datetime"].endswith("+08:00") for u in updates)
