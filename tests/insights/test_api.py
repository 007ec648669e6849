"""GET /api/insights/kpis, /api/insights/kpis/{code}/records and /api/briefings/…: scopes and
bad input."""

import pytest
from django.core.cache import cache

from gongzhi.api.keys import apikey_create

from .conftest import local


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def keyed(small_tree):
    _k, street_key = apikey_create(
        name="street", node=small_tree["grid1"], permissions=["insights.view"]
    )
    _k, other = apikey_create(name="other", node=small_tree["grid2"], permissions=["cases.view"])
    return {"grid1": street_key, "no_perm": other}


@pytest.fixture
def march(small_tree, history):
    for day in (3, 4):
        case = history.case(small_tree["grid1"], local(2026, 3, day))
        history.close(case, local(2026, 3, day + 2), on_time=day == 3)
    history.case(small_tree["grid2"], local(2026, 3, 5))


def test_kpis_answer_the_documented_shape(client, keyed, march):
    r = client.get("/api/insights/kpis?node=T-S-C-G1&period=2026-03", HTTP_X_API_KEY=keyed["grid1"])
    assert r.status_code == 200
    body = r.json()
    assert body["node"] == "T-S-C-G1" and body["period"] == "2026-03"
    assert body["as_of"] == "2026-04-01T00:00:00+08:00"
    assert body["kpis"]["cases_received"] == 2
    assert body["kpis"]["closed_on_time_rate"] == 0.5
    assert body["kpis"]["contact_rate"] is None
    assert body["kpis"]["councils_held"] == 0
    assert body["kpis"]["councils_due"] == 1  # the grid itself must meet monthly


def test_records_list_has_the_figures_length(client, keyed, march):
    key = {"HTTP_X_API_KEY": keyed["grid1"]}
    r = client.get("/api/insights/kpis/cases_closed/records?node=T-S-C-G1&period=2026-03", **key)
    assert r.json()["count"] == r.json()["value"] == 2 == len(r.json()["records"])
    late = client.get(
        "/api/insights/kpis/closed_on_time_rate/records?node=T-S-C-G1&period=2026-03&part=rest",
        **key,
    ).json()
    assert late["count"] == 1 and late["part"] == "rest"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("node=T-S-C&period=2026-03", 404),  # above the key's node: out of scope
        ("node=T-S-C-G2&period=2026-03", 404),  # a sibling
        ("node=NOPE&period=2026-03", 404),
        ("node=T-S-C-G1&period=2026-3", 400),
        ("node=T-S-C-G1&period=march", 400),
        ("node=T-S-C-G1&period=2026-13", 400),
        ("node=T-S-C-G1&period=2999-01", 400),
        ("node=T-S-C-G1&period=2026-03&force=aliens", 400),
        ("node=T-S-C-G1&period=2026-03&category=nope", 400),
        ("node=T-S-C-G1&period=2026-03&programme=x", 400),
    ],
)
def test_bad_input_answers_a_clear_4xx(client, keyed, march, query, status):
    r = client.get(f"/api/insights/kpis?{query}", HTTP_X_API_KEY=keyed["grid1"])
    assert r.status_code == status
    assert r.json()["detail"]


def test_a_key_without_the_permission_sees_nothing(client, keyed, march):
    r = client.get(
        "/api/insights/kpis?node=T-S-C-G2&period=2026-03", HTTP_X_API_KEY=keyed["no_perm"]
    )
    assert r.status_code == 404
    assert client.get("/api/insights/kpis?node=T-S-C-G2&period=2026-03").status_code == 401


def test_unknown_kpi_records_is_404(client, keyed, march):
    r = client.get(
        "/api/insights/kpis/nope/records?node=T-S-C-G1&period=2026-03",
        HTTP_X_API_KEY=keyed["grid1"],
    )
    assert r.status_code == 404


def test_briefing_json_binds_numbers_to_kpis_and_exports(client, keyed, march):
    key = {"HTTP_X_API_KEY": keyed["grid1"]}
    body = client.get("/api/briefings/T-S-C-G1/2026-03", **key).json()
    assert body["state"] == "unsaved"
    numbers = [n for s in body["sections"] for p in s["paragraphs"] for n in p["numbers"]]
    received = next(n for n in numbers if n["kpi"] == "cases_received" and n["kind"] == "value")
    assert received["value"] == 2 and received["node"] == "T-S-C-G1"
    pdf = client.get("/api/briefings/T-S-C-G1/2026-03.pdf", **key)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get("/api/briefings/T-S-C-G1/2026-03.docx", **key)
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert client.get("/api/briefings/T-S-C-G2/2026-03", **key).status_code == 404
    assert client.get("/api/briefings/T-S-C-G1/2026-00", **key).status_code == 400
