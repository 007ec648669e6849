"""The resident's report form: rendering, submitting, errors that keep what was typed,
idempotent retries, the category search and questions, and the duplicate offer."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongzhi.cases.choices import Channel
from gongzhi.cases.models import Case, CasePhoto

from .conftest import GRID1_POINT, GRID2_POINT, htmx, jpeg_bytes


def _key(response) -> str:
    return re.search(r'name="idempotency_key" value="([0-9a-f]+)"', response.content.decode())[1]


def _post(client, key, **overrides):
    data = {
        "category": "property-lift",
        "description": "2幢电梯门关不上,一直报警",
        "lat": GRID1_POINT["lat"],
        "lon": GRID1_POINT["lon"],
        "crs": "wgs84",
        "address": "观河华府2幢1单元",
        "q_floor": "3",
        "is_public": "on",
        "reporter_phone": "13800001111",
        "idempotency_key": key,
    }
    data.update(overrides)
    return client.post(reverse("report:new"), {k: v for k, v in data.items() if v is not None})


def test_form_renders_for_a_visitor_with_a_fresh_key_map_and_grouped_categories(world, client):
    first, second = client.get(reverse("report:new")), client.get(reverse("report:new"))
    body = first.content.decode()
    assert first.status_code == 200
    assert _key(first) != _key(second)
    assert 'data-gz-pick="pick-config"' in body and reverse("report:grids") in body
    assert "物业服务" in body and 'value="property-lift"' in body
    assert 'type="file" name="photos"' in body and "multiple" in body


def test_a_report_is_created_once_even_when_the_form_is_sent_twice(world, as_user):
    client = as_user("resident")
    key = _key(client.get(reverse("report:new")))
    photo = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    first = _post(client, key, photos=photo)
    second = _post(client, key)
    case = Case.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("report:done", args=[case.reference])
    assert case.channel == Channel.WEB and case.reporter_user == world["users"]["resident"]
    assert case.answers.get().value == 3 and case.is_public
    assert CasePhoto.objects.filter(case=case).count() == 1


def test_a_visitor_without_an_account_can_report_and_sees_the_reference(world, client):
    key = _key(client.get(reverse("report:new")))
    response = _post(client, key, is_public=None)
    case = Case.objects.get()
    assert case.reporter_user is None and case.reporter_phone == "13800001111"
    done = client.get(response["Location"])
    assert case.reference in done.content.decode()
    assert reverse("report:case", args=[case.reference]) not in done.content.decode()


def test_errors_name_the_field_and_keep_what_was_typed(world, client):
    key = _key(client.get(reverse("report:new")))
    photo = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = _post(client, key, description="", q_floor="", photos=photo)
    body = response.content.decode()
    assert response.status_code == 400
    assert not Case.objects.exists()
    assert 'id="id_description_error"' in body
    assert 'value="property-lift" id="cat-property-lift" checked' in body
    assert 'value="观河华府2幢1单元"' in body and f'value="{key}"' in body
    assert "choose them again" in body  # the photos must be picked again


def test_a_missing_required_answer_is_shown_on_its_question(world, client):
    key = _key(client.get(reverse("report:new")))
    response = _post(client, key, q_floor="")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_q_floor_error"' in body and 'aria-invalid="true"' in body
    assert "2幢电梯门关不上" in body


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_stored(world, client):
    key = _key(client.get(reverse("report:new")))
    fake = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = _post(client, key, photos=fake)
    assert response.status_code == 400
    assert 'id="id_photos_error"' in response.content.decode()
    assert not Case.objects.exists() and not CasePhoto.objects.exists()


def test_a_place_outside_the_area_is_refused_on_the_map_field(world, client):
    key = _key(client.get(reverse("report:new")))
    response = _post(client, key, lat="40.0", lon="116.0")
    assert response.status_code == 400
    assert 'id="id_lat_error"' in response.content.decode()


def test_category_search_finds_by_name_and_keeps_the_chosen_one(world, client):
    url = reverse("report:categories")
    body = htmx(client).get(url, {"q": "电梯"}).content.decode()
    assert "property-lift" in body and "noise" not in body
    body = client.get(url, {"q": "电梯", "category": "noise"}).content.decode()
    assert 'value="noise" id="cat-noise" checked' in body


def test_questions_are_drawn_by_type(world, client):
    body = client.get(reverse("report:questions"), {"category": "property-lift"}).content.decode()
    assert 'type="number"' in body and 'name="q_floor"' in body
    assert 'type="radio" name="q_trapped" value="yes"' in body


def test_check_says_where_the_point_lies_or_that_it_is_outside(world, client):
    url = reverse("report:check")
    inside = client.get(url, {"lat": GRID2_POINT["lat"], "lon": GRID2_POINT["lon"]})
    assert "第2网格" in inside.content.decode()
    outside = client.get(url, {"lat": "40", "lon": "116"})
    assert "outside the area" in outside.content.decode()


def test_duplicates_are_offered_without_showing_private_details(world, report, as_user):
    private = report(description="3幢电梯停在5楼不动了,按钮没反应 住在502的张三", is_public=False)
    params = {
        "category": "property-lift",
        "description": "3幢电梯停在5楼不动了",
        **GRID1_POINT,
    }
    client = as_user("stranger")
    body = client.get(reverse("report:check"), params).content.decode()
    assert private.reference in body and "Same problem" in body
    assert "张三" not in body


def test_support_instead_of_a_new_report_counts_once(world, report, as_user):
    case = report()
    client = as_user("stranger")
    data = {
        "category": "property-lift",
        "description": "3幢电梯停在5楼不动了",
        "lat": GRID1_POINT["lat"],
        "lon": GRID1_POINT["lon"],
        "reference": case.reference,
    }
    client.post(reverse("report:support"), data)
    client.post(reverse("report:support"), data)
    case.refresh_from_db()
    assert case.support_count == 1 and Case.objects.count() == 1


def test_support_is_refused_for_a_case_the_check_did_not_offer(world, report, as_user):
    case = report(category=world["noise"], description="楼上装修噪音很大", answers={})
    data = {
        "category": "property-lift",
        "description": "电梯坏了",
        **{k: str(v) for k, v in GRID1_POINT.items()},
        "reference": case.reference,
    }
    assert as_user("stranger").post(reverse("report:support"), data).status_code == 404


def test_grids_geojson_lists_grid_boundaries(world, client):
    data = client.get(reverse("report:grids")).json()
    assert {f["properties"]["code"] for f in data["features"]} == {"T-S-C-G1", "T-S-C-G2"}
