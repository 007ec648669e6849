"""What a careless client sends, answered with the right status and a description that names
the parameter and the problem, in the spec's error shape, in both formats."""

import pytest

from gongzhi.cases.models import Case
from tests.open311.helpers import error_of


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_missing_service_code(post_report, fmt):
    text = error_of(post_report(fmt=fmt, service_code=None), 400)
    assert "service_code" in text and "required" in text


def test_unknown_service_code(post_report):
    text = error_of(post_report(service_code="no-such-thing"), 400)
    assert "no-such-thing" in text and "services.json" in text


@pytest.mark.parametrize(
    ("lat", "long", "says"),
    [
        ("91", "120.05", "lat must be between -90 and 90"),
        ("32.05", "abc", "long must be a number"),
        ("NaN", "120.05", "lat must be between"),
        ("32.05", "inf", "long must be between"),
        ("32.05", None, "lat and long must be sent together"),
        ("1", "1", "outside the area we serve"),
    ],
)
def test_bad_coordinates(post_report, lat, long, says):
    assert says in error_of(post_report(lat=lat, long=long), 400)
    assert not Case.objects.exists()


def test_no_place_at_all(post_report):
    text = error_of(post_report(lat=None, long=None), 400)
    assert "lat and long" in text and "address_string" in text


def test_five_thousand_character_description(post_report):
    text = error_of(post_report(description="坏" * 5000), 400)
    assert "description is too long" in text and "4000" in text and "5000" in text
    assert not Case.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_missing_and_wrong_api_key_are_403(post_report, fmt):
    assert "api_key is required" in error_of(post_report(fmt=fmt, api_key=None), 403)
    assert "api_key is not valid" in error_of(post_report(fmt=fmt, api_key="gz_nope_x"), 403)
    assert not Case.objects.exists()


def test_revoked_key_is_403(post_report, keys):
    from gongzhi.api.keys import apikey_revoke
    from gongzhi.api.models import ApiKey

    apikey_revoke(key=ApiKey.objects.get(name="app"))
    assert "not valid" in error_of(post_report(), 403)


def test_key_without_report_permission_is_403(post_report, keys):
    text = error_of(post_report(api_key=keys["reader"]), 403)
    assert "may not submit" in text


def test_bad_attribute_answers_name_the_attribute(post_report):
    text = error_of(post_report(**{"attribute[floor]": "高"}), 400)
    assert "attribute[floor]" in text
    text = error_of(post_report(**{"attribute[colour]": "red"}), 400)
    assert "attribute[colour]" in text
    text = error_of(post_report(**{"attribute[floor]": None}), 400)
    assert "attribute[floor]" in text  # a required question


def test_bad_phone_and_email_name_the_parameters(post_report):
    assert error_of(post_report(phone="call me"), 400).startswith("phone:")
    assert error_of(post_report(email="not-an-address"), 400).startswith("email:")


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"start_date": "2026-13-01T00:00:00+08:00"},
        {"end_date": "2026-11-29"},
        {"start_date": "0001-01-01T00:00:00+08:00"},
    ],
)
def test_malformed_dates(client, db, params):
    text = error_of(client.get("/open311/v2/requests.json", params), 400)
    assert ("start_date" in text) or ("end_date" in text)


def test_a_91_day_window_is_refused(client, db):
    params = {"start_date": "2026-01-01T00:00:00+08:00", "end_date": "2026-04-02T00:00:00+08:00"}
    assert "90 days" in error_of(client.get("/open311/v2/requests.json", params), 400)
    params["end_date"] = "2026-04-01T00:00:00+08:00"  # exactly 90 days
    assert client.get("/open311/v2/requests.json", params).status_code == 200


def test_reversed_window_is_refused(client, db):
    params = {"start_date": "2026-04-01T00:00:00+08:00", "end_date": "2026-01-01T00:00:00+08:00"}
    assert "before end_date" in error_of(client.get("/open311/v2/requests.json", params), 400)


@pytest.mark.parametrize("path", ["services.html", "requests.csv", "discovery.yaml"])
def test_unknown_format_is_404_naming_the_formats(client, db, path):
    assert ".json or .xml" in error_of(client.get(f"/open311/v2/{path}"), 404)


def test_unknown_resource_and_request_are_404(client, db):
    assert "discovery.json" in error_of(client.get("/open311/v2/nothing/here.json"), 404)
    assert "XS-0" in error_of(client.get("/open311/v2/requests/XS-0.xml"), 404)
    assert "nope" in error_of(client.get("/open311/v2/services/nope.json"), 404)


def test_wrong_method_is_405_in_the_error_shape(client, db):
    response = client.delete("/open311/v2/requests.json")
    assert "DELETE" in error_of(response, 405)
    assert response["Allow"] == "GET, POST"


def test_bad_paging_and_status(client, db):
    assert "page_size" in error_of(
        client.get("/open311/v2/requests.json", {"page_size": "-1"}), 400
    )
    assert "page" in error_of(client.get("/open311/v2/requests.json", {"page": "x"}), 400)
    text = error_of(client.get("/open311/v2/requests.json", {"status": "pending"}), 400)
    assert "open or closed" in text


def test_nul_characters_are_refused_before_any_query(client, post_report):
    assert "NUL" in error_of(client.get("/open311/v2/requests/A%00B.json"), 400)
    assert "NUL" in error_of(post_report(description="坏\x00了"), 400)


def test_control_characters_still_give_well_formed_xml(client, keys, post_report):
    from xml.etree import ElementTree as ET

    assert post_report(description="电梯\x0b坏了\x1b").status_code == 201
    body = client.get("/open311/v2/requests.xml", {"api_key": keys["reporter"]}).content
    assert "电梯" in ET.fromstring(body).find("request/description").text
