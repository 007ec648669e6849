import json

import pytest

from gongzhi.api.keys import apikey_create
from gongzhi.api.models import WebhookDelivery
from gongzhi.api.webhooks.services import subscription_create
from gongzhi.charity.services import delivery_sign_off, pledge_create, pledge_receive


@pytest.fixture
def key(community):
    _key, plain = apikey_create(
        name="organiser",
        node=community,
        permissions=["charity.view", "charity.receive", "charity.deliver"],
    )
    return plain


def call(client, method, url, key, body=None):
    kwargs = {"HTTP_X_API_KEY": key}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, **kwargs)


def test_drive_figures_through_the_api(client, stocked, key):
    response = call(client, "get", f"/api/drives/{stocked.pk}", key)
    assert response.status_code == 200
    items = {i["item_kind"]: i for i in response.json()["items"]}
    assert items["笔记本"]["goal"] == 200 and items["笔记本"]["received"] == 10


def test_pledge_create_and_receive(client, drive, place, key, kinds):
    response = call(
        client,
        "post",
        "/api/pledges",
        key,
        {"drive": drive.pk, "donor_name": "孙捐", "items": [{"item_kind": "书包", "quantity": 4}]},
    )
    assert response.status_code == 201, response.content
    pledge_id = response.json()["id"]
    response = call(client, "post", f"/api/pledges/{pledge_id}/receive", key, {"place": place.pk})
    assert response.status_code == 200
    assert response.json()["acknowledgement"].startswith("JZ")
    stock = call(client, "get", f"/api/inventory?drive={drive.pk}", key).json()
    assert stock == [
        {
            "drive": drive.pk,
            "place": place.pk,
            "place_name": place.name,
            "item_kind": "书包",
            "on_hand": 4,
        }
    ]


def test_fractional_quantity_is_a_400_naming_the_field(client, drive, key, kinds):
    response = call(
        client,
        "post",
        "/api/pledges",
        key,
        {"drive": drive.pk, "donor_name": "x", "items": [{"item_kind": "书包", "quantity": -2}]},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "items"


def test_completing_before_sign_off_is_refused(client, make_delivery, key):
    delivery = make_delivery()
    response = call(client, "post", f"/api/deliveries/{delivery.pk}/complete", key)
    assert response.status_code == 400
    response = call(
        client, "post", f"/api/deliveries/{delivery.pk}/sign-off", key, {"signed_by_name": "扎西"}
    )
    assert response.json()["state"] == "signed"
    assert (
        call(client, "post", f"/api/deliveries/{delivery.pk}/complete", key).json()["state"]
        == "done"
    )


def test_assistance_files_only_for_keys_with_that_scope(client, assistance_file, key, community):
    assert call(client, "get", "/api/assistance-files", key).status_code == 403
    _k, reader = apikey_create(
        name="files", node=community, permissions=["charity.view_assistance"]
    )
    response = call(client, "get", "/api/assistance-files", reader)
    assert response.status_code == 200
    assert [f["pseudonym"] for f in response.json()] == ["小石榴"]
    body = json.dumps(response.json(), ensure_ascii=False)
    assert "阿依古丽" not in body and "320602" not in body


def test_other_communities_keys_see_nothing(client, stocked, small_tree):
    _k, other = apikey_create(name="other", node=small_tree["grid2"], permissions=["charity.view"])
    assert call(client, "get", "/api/drives", other).json() == []
    assert call(client, "get", f"/api/drives/{stocked.pk}", other).status_code == 404


def test_webhooks_for_pledge_received_and_delivery_signed(
    client, drive, place, kinds, community, staff, make_delivery, settings
):
    client.get("/api/openapi.json")  # the API (and its webhook payloads) is loaded
    settings.GONGZHI_WEBHOOK_ALLOW_PRIVATE = True  # a receiver on this machine; nothing is sent
    subscription_create(
        name="ledger",
        url="http://127.0.0.1:9/hook",
        node=community,
        events=["charity.pledge.received", "charity.delivery.signed"],
        actor=staff,
    )
    pledge = pledge_create(
        drive=drive, donor_name="周", donor_phone="13912345678", items=[(kinds["bag"], 2)]
    )
    pledge_receive(pledge=pledge, place=place)
    delivery = make_delivery(kind="bag")
    delivery_sign_off(delivery=delivery, signed_by_name="扎西")
    events = sorted(WebhookDelivery.objects.values_list("event", flat=True))
    assert events == ["charity.delivery.signed", "charity.pledge.received"]
    payload = WebhookDelivery.objects.get(event="charity.pledge.received").payload
    assert payload["object"]["drive"] == drive.pk
    assert "13912345678" not in json.dumps(payload)
