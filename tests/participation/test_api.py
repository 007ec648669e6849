import json

import pytest

from gongzhi.api.keys import apikey_create
from gongzhi.api.models import WebhookDelivery
from gongzhi.api.webhooks.services import subscription_create
from gongzhi.participation import services as svc
from tests.participation.conftest import jpeg_bytes


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident.user)
    return client


def test_raise_and_support_through_the_api(resident_client, resident, make_resident, client):
    answer = resident_client.post(
        "/api/demands",
        json.dumps(
            {"title": "装共享衣架", "text": "电话13812345678找我", "node": resident.node.code}
        ),
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert "13812345678" not in body["text"]
    assert body["raised_by"] != resident.name
    neighbour = make_resident("钱七")
    client.force_login(neighbour.user)
    url = f"/api/demands/{body['id']}/support"
    assert client.post(url).json()["supports"] == 1
    again = client.post(url)
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "demand"


def test_another_nodes_code_is_a_field_error(resident_client, tree):
    answer = resident_client.post(
        "/api/demands",
        json.dumps({"title": "x", "text": "y", "node": tree["grid2"].code}),
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "node"


def test_lists_need_authentication(client):
    assert client.get("/api/demands").status_code == 401


def test_an_api_key_reads_tasks_and_records_progress(client, tree, staff, grid_worker):
    task = svc.task_create(
        title="修路灯", node=tree["grid1"], due_days=3, owner_name="物业", actor=staff
    )
    _key, plain = apikey_create(
        name="grid app",
        node=tree["grid1"],
        permissions=["participation.view", "participation.progress"],
    )
    listed = client.get("/api/tasks", HTTP_X_API_KEY=plain).json()
    assert listed["items"][0]["title"] == "修路灯"
    answer = client.post(
        f"/api/tasks/{task.pk}/progress",
        {"percent": "30", "note": "已换灯泡", "photos": [_upload()]},
        HTTP_X_API_KEY=plain,
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["progress"] == 30 and len(answer.json()["photos"]) == 1


def test_a_key_without_the_progress_permission_is_refused(client, tree, staff):
    task = svc.task_create(
        title="修路灯", node=tree["grid1"], due_days=3, owner_name="物业", actor=staff
    )
    _key, plain = apikey_create(
        name="reader", node=tree["grid1"], permissions=["participation.view"]
    )
    answer = client.post(
        f"/api/tasks/{task.pk}/progress", {"percent": "30", "note": "x"}, HTTP_X_API_KEY=plain
    )
    assert answer.status_code == 403


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")


def test_posting_to_a_board_waits_for_moderation(resident_client, resident):
    answer = resident_client.post(
        "/api/boards/posts",
        {"board": "praise", "node": resident.node.code, "caption": "好人好事", "photo": _upload()},
    )
    assert answer.status_code == 202, answer.content
    assert resident_client.get("/api/boards/posts").json()["count"] == 0


def test_councils_are_read_through_the_chokepoint(client, council, staff, resident):
    client.force_login(staff)
    assert client.get("/api/councils").json()["count"] == 1
    client.force_login(resident.user)
    assert client.get("/api/councils").json()["count"] == 0
    assert client.get(f"/api/councils/{council.pk}").status_code == 404


def test_demand_and_task_changes_are_webhook_events(demand, staff, tree, settings):
    settings.GONGZHI_WEBHOOK_ALLOW_PRIVATE = True  # a receiver on this machine; nothing is sent
    subscription_create(
        name="看板",
        url="http://127.0.0.1:9/hook",
        node=tree["community"],
        events=["participation.demand", "participation.task"],
        actor=staff,
    )
    svc.demand_accept(demand=demand, actor=staff, owner_name="物业", due_days=5)
    events = set(WebhookDelivery.objects.values_list("event", flat=True))
    assert {"participation.demand.accepted", "participation.task.created"} <= events
    delivery = WebhookDelivery.objects.get(event="participation.demand.accepted")
    assert delivery.payload["object"]["state"] == "accepted"
