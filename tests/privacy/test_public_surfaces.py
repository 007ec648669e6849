"""Each public surface shows a report scrubbed: no phone, ID number or door, the reporter's name
masked, the point as precise as the category allows."""

import json
from xml.etree import ElementTree as ET

import pytest
from django.test import Client

from gongzhi.cases.choices import PublicPrecision, State
from gongzhi.cases.services import case_comment
from tests.cases.helpers import drive
from tests.privacy.conftest import open311_row

SECRET_TEXT = (
    "我是王建国，电话13812345678，身份证32060219900101123X，住观河华府5-2-301，12月3日起停了3天"
)
DOOR = "观河华府5栋2单元301室"
SECRETS = ["13812345678", "32060219900101123X", "5-2-301", "2单元301", "301室", "王建国"]
POINT = {"lat": 32.0512345678901, "lon": 120.0587654321098}


@pytest.fixture
def leaky(report):
    """A public report whose resident typed their phone, ID number and door into it."""
    return report(
        is_public=True, description=SECRET_TEXT, address=DOOR, reporter_name="王建国", **POINT
    )


def assert_clean(text: str):
    for secret in SECRETS:
        assert secret not in text, secret
    assert "12月3日" in text and "3天" in text  # ordinary numbers survive


def test_open311_json_is_scrubbed_with_public_precision(leaky):
    row = open311_row(leaky.reference)
    assert_clean(json.dumps(row, ensure_ascii=False))
    assert row["address"] == "观河华府5栋" or row["address"].startswith("观河华府5")
    assert (row["lat"], row["long"]) == (32.051, 120.059)


def test_open311_xml_is_scrubbed(client, leaky):
    answer = client.get(f"/open311/v2/requests/{leaky.reference}.xml")
    root = ET.fromstring(answer.content)
    assert_clean(answer.content.decode())
    assert root.find("request/lat").text == "32.051"


def test_open311_list_and_notes_are_scrubbed(client, world, leaky):
    case_comment(
        case=leaky,
        actor=world["users"]["dispatcher"],
        text="已电话13812345678联系王建国",
        public=True,
    )
    listing = client.get("/open311/v2/requests.json", {"extensions": "true"})
    updates = client.get("/open311/v2/servicerequestupdates.json")
    for answer in (listing, updates):
        text = json.dumps(json.loads(answer.content), ensure_ascii=False)
        for secret in SECRETS:
            assert secret not in text
    assert "联系王" in json.dumps(json.loads(updates.content), ensure_ascii=False)


def test_open311_status_notes_are_scrubbed(client, world, report):
    case = drive(world, report(is_public=True, reporter_name="王建国"), State.CLOSED)
    case.resolution_note = "已电话13812345678告知王建国"
    case.save(update_fields=["resolution_note"])
    row = open311_row(case.reference)
    assert row["status_notes"] and "13812345678" not in row["status_notes"]
    assert "王建国" not in row["status_notes"]


def test_public_page_is_scrubbed(client, leaky):
    body = client.get(f"/report/cases/{leaky.reference}/").content.decode()
    assert_clean(body)
    assert "观河华府5" in body


def test_public_api_detail_and_feed_are_scrubbed(client, leaky):
    detail = client.get(f"/api/public/cases/{leaky.reference}")
    feed = client.get("/api/public/cases")
    assert detail.status_code == feed.status_code == 200
    data = detail.json()
    assert_clean(json.dumps(data, ensure_ascii=False))
    assert (data["lat"], data["lon"]) == (32.051, 120.059)
    assert [c["reference"] for c in feed.json()["items"]] == [leaky.reference]


def test_duplicate_check_shows_only_a_scrubbed_summary(client, world, leaky):
    answer = client.get(
        "/report/check/",
        {
            "category": world["lift"].code,
            "description": SECRET_TEXT,
            "lat": POINT["lat"],
            "lon": POINT["lon"],
        },
    )
    body = answer.content.decode()
    assert "card duplicates" in body  # the leaky case was offered
    for secret in SECRETS:
        assert secret not in body


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (PublicPrecision.EXACT, (POINT["lat"], POINT["lon"])),
        (PublicPrecision.APPROXIMATE, (32.051, 120.059)),
        (PublicPrecision.HIDDEN, (None, None)),
    ],
)
def test_one_precision_rule_on_every_surface(world, leaky, precision, expected):
    world["lift"].public_precision = precision
    world["lift"].save(update_fields=["public_precision"])
    row = open311_row(leaky.reference)
    api = Client().get(f"/api/public/cases/{leaky.reference}").json()
    assert (row["lat"], row["long"]) == expected
    assert (api["lat"], api["lon"]) == expected


def test_open311_never_gives_anonymous_clients_the_exact_point(leaky):
    row = open311_row(leaky.reference)
    assert row["lat"] != POINT["lat"] and len(str(row["lat"]).split(".")[1]) <= 3


def _queries(client, path, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params or {}).status_code == 200
    return len(captured)


def test_public_lists_keep_a_flat_query_count(client, world, report, make_user):
    from gongzhi.org.services import person_create

    def add(n):
        for i in range(n):
            user = make_user()
            person_create(node=world["b1"], name=f"王{i}明", user=user)
            report(is_public=True, actor=user, reporter_name=f"王{i}明")

    add(2)
    few = [_queries(client, p, {"extensions": "true"}) for p in LISTS]
    add(6)
    many = [_queries(client, p, {"extensions": "true"}) for p in LISTS]
    assert few == many


LISTS = ["/api/public/cases", "/open311/v2/requests.json", "/open311/v2/servicerequestupdates.json"]
