"""Every GeoReport v2 answer, in JSON and XML, against schemas written from the spec."""

import jsonschema
import pytest

from tests.open311 import schemas as s
from tests.open311.helpers import both


@pytest.fixture
def posted(post_report):
    response = post_report()
    assert response.status_code == 201
    return response.json()[0]["service_request_id"]


def test_discovery_in_both_formats(client, db):
    data = both(client, "discovery", s.DISCOVERY, "discovery")
    assert data["endpoints"][0]["url"].endswith("/open311/v2/")
    assert set(data["endpoints"][0]["formats"]) == {"text/xml", "application/json"}


def test_service_list_in_both_formats(client, world):
    data = both(client, "services", s.SERVICES, "services")
    lift = next(row for row in data if row["service_code"] == "property-lift")
    assert lift == {
        "service_code": "property-lift",
        "service_name": "电梯故障",
        "description": "",
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "物业服务",
    }
    assert "property" not in {row["service_code"] for row in data}  # groups are not services


def test_service_definition_carries_questions_as_attributes(client, world):
    data = both(client, "services/property-lift", s.SERVICE_DEFINITION, "service_definition")
    floor, trapped = data["attributes"]
    assert floor["code"] == "floor" and floor["datatype"] == "number" and floor["required"]
    assert trapped["datatype"] == "singlevaluelist"
    assert trapped["values"] == [{"key": "yes", "name": "有"}, {"key": "no", "name": "没有"}]


def test_posted_request_answers_in_both_formats(post_report):
    for fmt in ("json", "xml"):
        response = post_report(fmt=fmt, description=f"电梯坏了 {fmt}")
        assert response.status_code == 201
        if fmt == "json":
            jsonschema.validate(response.json(), s.POSTED)
        else:
            root = s.check_xml(response.content, "service_requests")
            assert root[0].find("service_request_id").text


def test_request_list_detail_and_token_in_both_formats(client, keys, posted):
    listed = both(client, "requests", s.REQUESTS, "service_requests", api_key=keys["reporter"])
    assert [row["service_request_id"] for row in listed] == [posted]
    one = both(
        client, f"requests/{posted}", s.REQUESTS, "service_requests", api_key=keys["reporter"]
    )
    assert one == listed
    token = both(client, f"tokens/{posted}", s.TOKENS, "service_requests", api_key=keys["reporter"])
    assert token == [{"service_request_id": posted, "token": posted}]


def test_extensions_add_attributes_and_notes_in_both_formats(client, keys, posted):
    data = both(
        client,
        "requests",
        s.REQUESTS,
        "service_requests",
        api_key=keys["reporter"],
        extensions="true",
    )
    row = data[0]
    assert row["attributes"] == [{"code": "floor", "value": 5}]
    assert row["notes"][0]["datetime"].endswith("+08:00")
    assert row["extended_status"] == "OPEN" and row["external_status_code"] == "reported"


def test_updates_in_both_formats(client, keys, posted):
    data = both(
        client,
        "servicerequestupdates",
        s.UPDATES,
        "service_request_updates",
        api_key=keys["reporter"],
    )
    assert [(u["service_request_id"], u["status"]) for u in data] == [(posted, "OPEN")]


def test_datetimes_carry_the_shanghai_offset(client, keys, posted):
    row = client.get("/open311/v2/requests.json", {"api_key": keys["reporter"]}).json()[0]
    assert row["requested_datetime"].endswith("+08:00")
    assert row["updated_datetime"].endswith("+08:00")
    assert row["expected_datetime"].endswith("+08:00")  # the acceptance deadline
