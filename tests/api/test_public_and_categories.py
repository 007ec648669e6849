"""Categories (tree + questions), anonymous intake with its rate limit, case webhooks."""

import pytest
from django.test import override_settings

from gongzhi.api.models import WebhookDelivery
from gongzhi.api.webhooks.services import subscription_create
from gongzhi.cases.models import Case
from tests.cases.conftest import GRID1_POINT
from tests.cases.helpers import drive

REPORT = {
    "category": "property-lift",
    "description": "3幢电梯停在5楼不动了，按钮没反应",
    "lat": GRID1_POINT["lat"],
    "lon": GRID1_POINT["lon"],
    "answers": {"floor": 5},
}


def _post(client, body, **headers):
    return client.post("/api/public/reports", body, content_type="application/json", **headers)


def test_category_tree_with_questions(client, world):
    client.force_login(world["users"]["resident"])
    tree = client.get("/api/categories").json()
    group = next(c for c in tree if c["code"] == "property")
    lift = group["children"][0]
    assert lift["code"] == "property-lift" and lift["responsible_force"] == "property_manager"
    assert [q["code"] for q in lift["questions"]] == ["floor", "trapped"]
    assert lift["questions"][1]["choices"][0] == {"key": "yes", "label": "有"}
    assert {c["code"] for c in tree} >= {"property", "illegal-building", "noise"}
    one = client.get("/api/categories/property").json()
    assert [c["code"] for c in one["children"]] == ["property-lift"]
    assert client.get("/api/categories/nope").status_code == 404


def test_anonymous_report_is_taken_in_and_routed(client, world):
    response = _post(client, REPORT)
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get(reference=body["reference"])
    assert case.channel == "web" and case.reporter_user is None
    assert body["routing"] == case.routing_text and "观河华府物业服务中心" in body["routing"]


def test_anonymous_duplicates_name_only_public_cases(client, world, report):
    public = report(is_public=True)
    report(is_public=False, description="3幢电梯停在5楼不动了，按钮没反应!")
    assert _post(client, REPORT).json()["duplicates"] == [public.reference]


def test_anonymous_retry_with_idempotency_key(client, world):
    headers = {"HTTP_IDEMPOTENCY_KEY": "0f6c2a8e-5b1d-4c7e"}
    first = _post(client, REPORT, **headers)
    again = _post(client, REPORT, **headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert Case.objects.count() == 1


def test_anonymous_bad_input_is_400(client, world):
    response = _post(client, {**REPORT, "lat": "abc"})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "lat"
    response = _post(client, {**REPORT, "answers": {}})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "answers.floor"
    assert not Case.objects.exists()


@override_settings(GONGZHI_PUBLIC_REPORT_RATE="2/m")
def test_anonymous_intake_is_rate_limited_per_client(client, world):
    assert _post(client, REPORT).status_code == 201
    assert _post(client, {**REPORT, "description": "另一台"}).status_code == 201
    third = _post(client, {**REPORT, "description": "第三台"})
    assert third.status_code == 429
    assert third.json()["detail"] and third.json()["errors"] == []
    assert int(third["Retry-After"]) > 0
    other_client = _post(client, {**REPORT, "description": "别处"}, REMOTE_ADDR="10.1.2.3")
    assert other_client.status_code == 201
    assert Case.objects.count() == 3


@pytest.fixture
def subscription(world):
    return subscription_create(
        name="district",
        url="http://127.0.0.1:9/hook",
        node=world["community"],
        events=["cases.case."],
        actor=world["users"]["staff"],
    )


def test_case_webhook_payload_describes_the_case(world, report, subscription, monkeypatch):
    from gongzhi.api.webhooks import tasks

    monkeypatch.setattr(tasks, "enqueue_delivery", lambda delivery_id: None)
    case = drive(world, report(), "dispatched")
    payloads = [d.payload for d in WebhookDelivery.objects.order_by("created_at")]
    assert [p["event"] for p in payloads] == [
        "cases.case.reported",
        "cases.case.accepted",
        "cases.case.dispatched",
    ]
    assert payloads[-1]["object"] | {} == {
        "type": "cases.case",
        "id": str(case.pk),
        "repr": case.reference,
        "reference": case.reference,
        "state": "dispatched",
        "category": "property-lift",
        "node": world["grid1"].code,
        "assigned_party": {"id": world["property_co"].pk, "name": "观河华府物业服务中心"},
        "version": case.version,
    }


def test_nul_characters_are_refused_in_the_error_shape(client, world):
    response = client.get("/api/cases/A%00B")
    assert response.status_code == 400 and "NUL" in response.json()["detail"]
    response = _post(client, {**REPORT, "description": "坏\u0000了"})
    assert response.status_code == 400 and response.json()["errors"] == []
    assert not Case.objects.exists()
