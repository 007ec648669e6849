"""Public pages and answers show no phone, ID, door number or full name, and no position more
exact than the public precision; private categories show none."""

import json

import pytest
from django.urls import reverse

from gongzhi.cases.choices import PublicPrecision
from gongzhi.cases.models import Category
from gongzhi.portal import public

PHONE = "13812345678"
DESCRIPTION = f"张伟明说3幢2单元502室门口电梯坏了,电话{PHONE}"


@pytest.fixture
def public_case(report, world):
    return report(
        description=DESCRIPTION,
        reporter_name="张伟明",
        is_public=True,
        lat=32.051234,
        lon=120.051234,
    )


def _pages(world):
    grid = world["grid1"].code
    return [
        reverse("portal:reports"),
        reverse("portal:grid", args=[grid]),
        reverse("portal:place", args=[world["community"].code]),
        reverse("portal:map_data"),
        "/api/public/case-list",
        f"/api/public/grids/{grid}",
    ]


def test_no_page_or_answer_shows_the_phone_or_the_name(public_case, world, client):
    for url in _pages(world):
        body = client.get(url).content.decode()
        decoded = json.loads(body) if url.endswith("json") or "/api/" in url else None
        text = json.dumps(decoded, ensure_ascii=False) if decoded is not None else body
        assert PHONE not in text, url
        assert "张伟明" not in text, url
        assert "502室" not in text, url


def test_positions_are_rounded_to_the_public_precision(public_case, client):
    points = client.get(reverse("portal:map_data")).json()["points"]
    assert [(p["lat"], p["lon"]) for p in points] == [(32.051, 120.051)]


def test_a_private_category_shows_no_position(public_case, world, client):
    Category.objects.filter(pk=world["lift"].pk).update(public_precision=PublicPrecision.HIDDEN)
    assert client.get(reverse("portal:map_data")).json()["points"] == []
    assert client.get("/api/public/case-list").json()["results"][0]["lat"] is None


def test_an_exact_category_is_shown_exactly(public_case, world):
    public_case.category.public_precision = PublicPrecision.EXACT
    assert public.public_position(public_case) == (public_case.lat, public_case.lon)


def test_searching_for_a_phone_number_finds_nothing(public_case, client):
    body = client.get(reverse("portal:search"), {"q": PHONE}).content.decode()
    assert 'data-type="case"' not in body
    assert client.get("/api/public/search", {"q": PHONE}).json() == []


def test_a_private_report_is_not_listed(report, client):
    report(description="不公开的诉求", is_public=False)
    body = client.get(reverse("portal:reports")).content.decode()
    assert "不公开的诉求" not in body


def test_the_grid_card_shows_the_work_phone_not_the_private_one(world, client):
    from gongzhi.org.services import person_create
    from gongzhi.portal.services import grid_contact_set

    worker = person_create(
        node=world["grid1"], name="李小红", phone="13900001111", is_grid_worker=True
    )
    grid_contact_set(
        node=world["grid1"],
        actor=world["users"]["staff"],
        person=worker,
        work_phone="0513-85590001",
    )
    body = client.get(reverse("portal:grid", args=[world["grid1"].code])).content.decode()
    assert "0513-85590001" in body
    assert "13900001111" not in body
    assert "李小红" not in body and "李*红" in body
