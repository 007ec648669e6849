"""GET Service Requests: filters, window, paging, extensions, visibility, Chinese text."""

import datetime as dt
from xml.etree import ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongzhi.cases.models import Case
from tests.cases.helpers import drive


def _at(days_ago):
    return timezone.now() - dt.timedelta(days=days_ago)


@pytest.fixture
def cases(report, world):
    """Five lift cases and one noise case, public, reported on different days."""
    made = []
    for days in (1, 2, 3, 30, 89):
        made.append(
            report(reported_at=_at(days), is_public=True, description=f"电梯坏了第{days}天")
        )
    noise = report(
        category=world["noise"], answers={}, is_public=True, description="楼下广场舞太吵"
    )
    return made + [noise]


def _ids(response):
    return [row["service_request_id"] for row in response.json()]


def test_default_window_is_the_last_90_days(client, cases, report):
    old = report(reported_at=_at(120), is_public=True)
    ids = _ids(client.get("/open311/v2/requests.json"))
    assert len(ids) == 6 and old.reference not in ids
    assert ids == [c.reference for c in sorted(cases, key=lambda c: c.reported_at, reverse=True)]


def test_explicit_window(client, cases):
    start = timezone.localtime(_at(4)).isoformat(timespec="seconds")
    ids = _ids(client.get("/open311/v2/requests.json", {"start_date": start}))
    assert len(ids) == 4  # days 1, 2, 3 and the noise case reported now


def test_plus_sign_sent_unescaped_is_read_as_an_offset(client, cases):
    start = timezone.localtime(_at(4)).isoformat(timespec="seconds")
    response = client.get(f"/open311/v2/requests.json?start_date={start}")  # "+" → space
    assert response.status_code == 200 and len(response.json()) == 4


def test_service_code_and_status_filters(client, cases, world):
    drive(world, cases[0], "closed")
    lifts = _ids(client.get("/open311/v2/requests.json", {"service_code": "property-lift"}))
    assert len(lifts) == 5
    both = _ids(client.get("/open311/v2/requests.json", {"service_code": "property-lift,noise"}))
    assert len(both) == 6
    closed = _ids(client.get("/open311/v2/requests.json", {"status": "closed"}))
    assert closed == [cases[0].reference]
    assert len(_ids(client.get("/open311/v2/requests.json", {"status": "open"}))) == 5
    assert len(_ids(client.get("/open311/v2/requests.json", {"status": "open,closed"}))) == 6


def test_service_request_id_list_overrides_other_filters(client, cases, report):
    old = report(reported_at=_at(200), is_public=True)
    wanted = [cases[2].reference, old.reference, "NOPE-1"]
    params = {"service_request_id": ",".join(wanted), "service_code": "noise"}
    assert set(_ids(client.get("/open311/v2/requests.json", params))) == set(wanted[:2])


def test_page_and_page_size(client, cases):
    first = _ids(client.get("/open311/v2/requests.json", {"page_size": 4}))
    second = _ids(client.get("/open311/v2/requests.json", {"page_size": 4, "page": 2}))
    beyond = _ids(client.get("/open311/v2/requests.json", {"page_size": 4, "page": 3}))
    assert len(first) == 4 and len(second) == 2 and beyond == []
    assert not set(first) & set(second)


def test_at_most_1000_requests_by_default(client, cases, monkeypatch):
    from gongzhi.open311 import params

    monkeypatch.setattr(params, "DEFAULT_LIMIT", 3)  # the spec's 1000, scaled down
    assert len(_ids(client.get("/open311/v2/requests.json"))) == 3
    assert params.MAX_PAGE_SIZE == 1000


def test_jurisdiction_id_is_accepted(client, cases):
    response = client.get("/open311/v2/requests.json", {"jurisdiction_id": "chongchuan.gov.cn"})
    assert response.status_code == 200 and len(response.json()) == 6


def test_public_sees_only_public_reports_and_masked_addresses(client, report, keys):
    private = report(is_public=False)
    public = report(is_public=True, description="路灯不亮")
    assert _ids(client.get("/open311/v2/requests.json")) == [public.reference]
    row = client.get(f"/open311/v2/requests/{public.reference}.json").json()[0]
    assert row["address"] != "观河华府3幢2单元" and "观河华府" in row["address"]
    assert client.get(f"/open311/v2/requests/{private.reference}.json").status_code == 404
    # A key that may view cases in its scope sees the private one, scrubbed as staff see it
    # (the original is the API's audited read).
    seen = client.get(
        f"/open311/v2/requests/{private.reference}.json", {"api_key": keys["reader"]}
    ).json()[0]
    assert seen["service_request_id"] == private.reference
    assert seen["address"] == "观河华府3幢" and seen["description"]


def test_key_scoped_elsewhere_does_not_see_private_reports(client, report, world):
    from gongzhi.api.keys import apikey_create

    _k, other = apikey_create(name="g2", node=world["grid2"], permissions=["cases.view"])
    private = report(is_public=False)
    response = client.get(f"/open311/v2/requests/{private.reference}.json", {"api_key": other})
    assert response.status_code == 404


def test_chinese_text_round_trips_in_both_formats(client, post_report, keys):
    text = "观河华府3幢门口的窨井盖缺失，晚上很危险！「请尽快处理」"
    reference = post_report(description=text, address_string="观河华府3幢").json()[0][
        "service_request_id"
    ]
    params = {"api_key": keys["reporter"]}
    row = client.get(f"/open311/v2/requests/{reference}.json", params).json()[0]
    assert row["description"] == text and row["service_name"] == "电梯故障"
    xml = client.get(f"/open311/v2/requests/{reference}.xml", params).content
    assert text.encode() in xml  # UTF-8 in the body, not character references
    assert ET.fromstring(xml).find("request/description").text == text


def test_list_query_count_is_flat(client, report, keys):
    params = {"api_key": keys["reporter"], "extensions": "true"}

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/open311/v2/requests.json", params).status_code == 200
        return len(ctx.captured_queries)

    report()
    count()  # the key's first use of the minute records last_used_at
    few = count()
    for _ in range(6):
        report(description=f"另一台电梯坏了{_}")
    assert count() == few
    assert Case.objects.count() == 7
