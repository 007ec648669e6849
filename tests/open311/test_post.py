"""POST Service Request: the same intake, routing, duplicate check and idempotency as every
channel."""

import pytest

from gongzhi.cases.choices import Channel, State
from gongzhi.cases.models import Case, CaseAnswer, CategoryQuestion
from gongzhi.core.models import AuditEntry


def test_report_enters_the_intake_and_is_routed(post_report, world):
    response = post_report(first_name="小明", last_name="王", phone="13800138000")
    assert response.status_code == 201
    row = response.json()[0]
    case = Case.objects.get(reference=row["service_request_id"])
    assert case.channel == Channel.OPEN311 and case.state == State.REPORTED
    assert case.node == world["grid1"] and case.routed_party == world["property_co"]
    assert case.reporter_name == "王小明" and case.reporter_phone == "13800138000"
    assert CaseAnswer.objects.get(case=case).value == 5
    # service_notice explains where the report went, in the routing's own words.
    assert row["service_notice"].startswith(case.routing_text)
    assert "观河华府物业服务中心" in row["service_notice"]
    assert AuditEntry.objects.filter(action="cases.case.reported", object_id=str(case.pk)).exists()


def test_second_report_of_the_same_problem_gets_a_duplicate_notice(post_report):
    first = post_report(description="3幢电梯停在5楼不动了，按钮没反应")
    second = post_report(description="3幢电梯停在5楼不动了，按钮也没反应")
    reference = first.json()[0]["service_request_id"]
    assert reference in second.json()[0]["service_notice"]
    assert reference not in first.json()[0]["service_notice"]


def test_retry_with_the_same_idempotency_key_creates_nothing(post_report):
    headers = {"HTTP_IDEMPOTENCY_KEY": "a9b7c3d1-retry"}
    first = post_report(headers=headers)
    again = post_report(headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert Case.objects.count() == 1


def test_retry_with_device_and_external_id_creates_nothing(post_report):
    fields = {"device_id": "phone-1", "external_id": "r-17"}
    first = post_report(**fields)
    again = post_report(**fields)
    assert again.status_code == 200
    assert again.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]
    assert Case.objects.count() == 1


def test_two_clients_external_ids_never_meet(post_report, keys, world):
    from gongzhi.api.keys import apikey_create

    _k, other = apikey_create(
        name="other-app", node=world["community"], permissions=["cases.report"]
    )
    mine = post_report(external_id="1")
    theirs = post_report(api_key=other, external_id="1")
    assert theirs.status_code == 201
    assert mine.json()[0]["service_request_id"] != theirs.json()[0]["service_request_id"]


def test_multivalue_attributes(post_report, world):
    CategoryQuestion.objects.create(
        category=world["lift"],
        code="symptoms",
        label="什么症状?",
        type="multi_choice",
        choices=[{"key": "stuck", "label": "停运"}, {"key": "noise", "label": "异响"}],
    )
    response = post_report(**{"attribute[symptoms][]": ["stuck", "noise"]})
    assert response.status_code == 201
    answer = CaseAnswer.objects.get(question__code="symptoms")
    assert answer.value == ["stuck", "noise"]


def test_address_id_and_address_string_place_the_report(post_report, world):
    by_id = post_report(lat=None, long=None, address_id=world["grid2"].code)
    assert Case.objects.get(reference=by_id.json()[0]["service_request_id"]).node == world["grid2"]
    by_words = post_report(lat=None, long=None, address_string="观河华府3幢")
    case = Case.objects.get(reference=by_words.json()[0]["service_request_id"])
    assert case.address == "观河华府3幢" and case.node == world["community"]  # the key's node


def test_key_may_not_report_outside_its_node(post_report, world):
    from gongzhi.api.keys import apikey_create

    _k, grid1_key = apikey_create(name="g1", node=world["grid1"], permissions=["cases.report"])
    response = post_report(api_key=grid1_key, lat=None, long=None, address_id=world["grid2"].code)
    assert response.status_code == 403
    response = post_report(api_key=grid1_key, lat="32.05", long="120.15")  # a point in grid 2
    assert response.status_code == 403 and "第1网格" in response.json()[0]["description"]
    assert post_report(api_key=grid1_key).status_code == 201  # a point in grid 1


def test_gcj02_coordinates_are_converted(post_report, world):
    from gongzhi.org import coords

    lon, lat = coords.from_wgs84(120.05, 32.05, "gcj02")
    response = post_report(lat=str(lat), long=str(lon), crs="gcj02")
    case = Case.objects.get(reference=response.json()[0]["service_request_id"])
    assert case.lat == pytest.approx(32.05, abs=1e-5) and case.node == world["grid1"]


def test_report_without_description_takes_the_service_name(post_report):
    response = post_report(description=None)
    assert Case.objects.get(reference=response.json()[0]["service_request_id"]).description == (
        "电梯故障"
    )


def test_media_url_is_kept_and_checked(post_report):
    response = post_report(media_url="https://img.example.org/lift.jpg")
    case = Case.objects.get(reference=response.json()[0]["service_request_id"])
    assert case.media_url == "https://img.example.org/lift.jpg"
    assert case.description == "3幢电梯停在5楼不动了"
    assert post_report(media_url="javascript:alert(1)").status_code == 400
