"""The served OpenAPI document describes what the endpoints really answer: real responses,
success and error, validated against the document's own schemas."""

import json

import jsonschema
import pytest

from tests.cases.helpers import drive


@pytest.fixture
def document(client, db):
    response = client.get("/open311/v2/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    return doc


def _validate(doc, template, method, response):
    operation = doc["paths"][template][method]
    documented = operation["responses"]
    status = str(response.status_code)
    assert status in documented, f"{method.upper()} {template} answered undocumented {status}"
    content = documented[status]["content"]
    content_type = response["Content-Type"].split(";")[0]
    assert content_type in content or (content_type == "text/xml" and "text/xml" in content)
    if content_type == "application/json":
        schema = {**content["application/json"]["schema"], "components": doc["components"]}
        jsonschema.validate(json.loads(response.content), schema)


def test_paths_are_plural_and_posts_take_form_fields(document):
    assert "/requests/{service_request_id}.{format}" in document["paths"]
    assert not any(p.startswith("/request/") for p in document["paths"])
    for template in ("/requests.{format}", "/servicerequestupdates.{format}"):
        body = document["paths"][template]["post"]["requestBody"]["content"]
        assert list(body) == ["application/x-www-form-urlencoded", "multipart/form-data"]
        media = body["multipart/form-data"]["schema"]["properties"]["media"]
        assert media["items"]["format"] == "binary"


def test_real_answers_match_the_document(client, document, keys, post_report, report, world):
    created = post_report()
    ref = created.json()[0]["service_request_id"]
    case = drive(world, report(is_public=True), "dispatched")
    calls = [
        ("/discovery.{format}", "get", lambda: client.get("/open311/v2/discovery.json")),
        ("/services.{format}", "get", lambda: client.get("/open311/v2/services.json")),
        (
            "/services/{service_code}.{format}",
            "get",
            lambda: client.get("/open311/v2/services/property-lift.json"),
        ),
        (
            "/services/{service_code}.{format}",
            "get",
            lambda: client.get("/open311/v2/services/none.json"),
        ),
        ("/requests.{format}", "post", lambda: created),
        ("/requests.{format}", "post", lambda: post_report(service_code="none")),
        ("/requests.{format}", "post", lambda: post_report(api_key="gz_x_y")),
        (
            "/requests.{format}",
            "get",
            lambda: client.get(
                "/open311/v2/requests.json", {"api_key": keys["reporter"], "extensions": "true"}
            ),
        ),
        (
            "/requests.{format}",
            "get",
            lambda: client.get("/open311/v2/requests.json", {"start_date": "soon"}),
        ),
        (
            "/requests/{service_request_id}.{format}",
            "get",
            lambda: client.get(f"/open311/v2/requests/{ref}.json", {"api_key": keys["reporter"]}),
        ),
        (
            "/requests/{service_request_id}.{format}",
            "get",
            lambda: client.get("/open311/v2/requests/NOPE.json"),
        ),
        (
            "/tokens/{token_id}.{format}",
            "get",
            lambda: client.get(f"/open311/v2/tokens/{ref}.json", {"api_key": keys["reporter"]}),
        ),
        (
            "/servicerequestupdates.{format}",
            "get",
            lambda: client.get("/open311/v2/servicerequestupdates.json"),
        ),
        (
            "/servicerequestupdates.{format}",
            "post",
            lambda: client.post(
                "/open311/v2/servicerequestupdates.json",
                {
                    "api_key": keys["department"],
                    "service_request_id": case.reference,
                    "status": "IN_PROGRESS",
                },
            ),
        ),
        (
            "/servicerequestupdates.{format}",
            "post",
            lambda: client.post(
                "/open311/v2/servicerequestupdates.json",
                {"api_key": keys["department"], "service_request_id": case.reference},
            ),
        ),
    ]
    for template, method, call in calls:
        _validate(document, template, method, call())
