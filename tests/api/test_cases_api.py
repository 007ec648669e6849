"""The platform API's cases: list, detail, report with Idempotency-Key, every transition."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongzhi.api.keys import apikey_create
from gongzhi.cases.choices import State
from gongzhi.cases.models import Case
from tests.cases.conftest import GRID1_POINT
from tests.cases.helpers import drive


def _as(client, world, name):
    client.force_login(world["users"][name])
    return client


def _post(client, path, body=None, **headers):
    return client.post(path, body or {}, content_type="application/json", **headers)


def test_list_filters_and_pages(client, world, report):
    for i in range(5):
        report(description=f"电梯坏了{i}")
    report(category=world["noise"], answers={}, description="楼下太吵")
    api = _as(client, world, "dispatcher")
    page = api.get("/api/cases", {"page_size": 4}).json()
    assert page["count"] == 6 and len(page["items"]) == 4 and page["page"] == 1
    assert len(api.get("/api/cases", {"page_size": 4, "page": 2}).json()["items"]) == 2
    noise = api.get("/api/cases", {"category": "noise"}).json()
    assert [c["category"] for c in noise["items"]] == ["noise"]
    assert api.get("/api/cases", {"state": "closed"}).json()["count"] == 0
    assert api.get("/api/cases", {"node": world["grid2"].code}).json()["count"] == 0
    assert api.get("/api/cases", {"search": "楼下"}).json()["count"] == 1
    assert api.get("/api/cases", {"queue": "nope"}).status_code == 400


def test_list_query_count_is_flat(client, world, report):
    api = _as(client, world, "dispatcher")
    report()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/api/cases").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(8):
        drive(world, report(description=f"又一台电梯{i}"), State.DISPATCHED)
    assert count() == few


def test_cases_outside_the_scope_are_404(client, world, report):
    case = report()
    api = _as(client, world, "other_grid_worker")
    assert api.get(f"/api/cases/{case.reference}").status_code == 404
    assert api.get("/api/cases").json()["count"] == 0
    assert _post(api, f"/api/cases/{case.reference}/accept").status_code == 404


def test_detail_shows_timeline_answers_and_allowed_actions(client, world, report):
    case = report(reporter_name="王小明", reporter_phone="13800138000")
    body = _as(client, world, "dispatcher").get(f"/api/cases/{case.reference}").json()
    assert body["answers"] == [{"code": "floor", "value": 5}]
    assert body["timeline"][0]["action"] == "report"
    assert set(body["available_actions"]) >= {"accept", "reject"}
    assert "13800138000" not in str(body) and body["reporter_phone"]


def test_every_transition_through_the_api(client, world, report):
    case = report()
    ref = case.reference
    steps = [
        ("dispatcher", "accept", {}, State.ACCEPTED),
        (
            "dispatcher",
            "park",
            {"review_on": str(timezone.localdate() + dt.timedelta(days=9)), "reason": "等资金"},
            State.PARKED,
        ),
        ("dispatcher", "unpark", {}, State.ACCEPTED),
        ("dispatcher", "dispatch", {"party": world["property_co"].pk}, State.DISPATCHED),
        ("handler", "return", {"reason": "不是我们的设备"}, State.RETURNED),
        (
            "dispatcher",
            "dispatch",
            {"party": world["property_co"].pk, "handler": "handler"},
            State.DISPATCHED,
        ),
        ("handler", "start_handling", {}, State.HANDLING),
        ("handler", "resolve", {"note": "已更换控制板"}, State.RESOLVED),
        ("grid_worker", "verify_fail", {"note": "仍有异响"}, State.REWORK),
        ("handler", "resolve", {"note": "再次维修"}, State.RESOLVED),
        ("grid_worker", "verify_pass", {}, State.CLOSED),
        ("staff", "reopen", {"reason": "又坏了"}, State.REWORK),
    ]
    for user, action, body, state in steps:
        response = _post(_as(client, world, user), f"/api/cases/{ref}/{action}", body)
        assert response.status_code == 200, (action, response.json())
        assert response.json()["state"] == state
    other = report(description="另一个")
    api = _as(client, world, "dispatcher")
    assert (
        _post(api, f"/api/cases/{other.reference}/reject", {"reason": "重复"}).json()["state"]
        == "rejected"
    )
    third = report(description="第三个")
    merged = _post(api, f"/api/cases/{third.reference}/merge", {"into": ref})
    assert merged.json()["state"] == "merged"


def test_expected_version_conflict_is_409_with_a_code(client, world, report):
    case = report()
    api = _as(client, world, "dispatcher")
    stale = case.version
    assert (
        _post(api, f"/api/cases/{case.reference}/accept", {"expected_version": stale}).status_code
        == 200
    )
    response = _post(
        api, f"/api/cases/{case.reference}/reject", {"reason": "x", "expected_version": stale}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "version" and case.reference in response.json()["detail"]
    again = _post(api, f"/api/cases/{case.reference}/accept")
    assert again.status_code == 409 and again.json()["code"] == "state"


def test_an_action_the_caller_may_not_take_is_403(client, world, report):
    case = report()
    response = _post(_as(client, world, "grid_worker"), f"/api/cases/{case.reference}/accept")
    assert response.status_code == 403 and response.json()["detail"]
    assert Case.objects.get(pk=case.pk).state == State.REPORTED


def test_missing_fields_are_400_naming_them(client, world, report):
    case = report()
    api = _as(client, world, "dispatcher")
    response = _post(api, f"/api/cases/{case.reference}/reject", {})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "reason"
    response = _post(api, f"/api/cases/{case.reference}/reject", {"reason": "  "})
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "reason"


def test_comment(client, world, report):
    case = report()
    response = _post(
        _as(client, world, "staff"),
        f"/api/cases/{case.reference}/comment",
        {"text": "已电话联系", "public": True},
    )
    assert response.status_code == 201
    assert response.json()["timeline"][-1]["note"] == "已电话联系"


def test_create_with_idempotency_key(client, world):
    _k, key = apikey_create(
        name="camera", node=world["community"], permissions=["cases.report", "cases.view"]
    )
    body = {
        "category": "noise",
        "description": "夜间施工噪音",
        "lat": GRID1_POINT["lat"],
        "lon": GRID1_POINT["lon"],
    }
    headers = {"HTTP_X_API_KEY": key, "HTTP_IDEMPOTENCY_KEY": "cam-7-20261129-0001"}
    first = _post(client, "/api/cases", body, **headers)
    again = _post(client, "/api/cases", body, **headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert first.json()["channel"] == "monitoring" and first.json()["routing_text"]
    assert Case.objects.count() == 1


def test_create_refuses_bad_input_and_keys_without_permission(client, world):
    _k, reader = apikey_create(name="reader", node=world["community"], permissions=["cases.view"])
    body = {"category": "noise", "description": "吵", "lat": 32.05, "lon": 120.05}
    assert _post(client, "/api/cases", body, HTTP_X_API_KEY=reader).status_code == 403
    resident = _as(client, world, "resident")
    bad = _post(resident, "/api/cases", {**body, "lat": 91})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "lat"
    unknown = _post(resident, "/api/cases", {**body, "category": "nope"})
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "category"
    ok = _post(resident, "/api/cases", body)
    assert ok.status_code == 201 and ok.json()["channel"] == "web"
    assert Case.objects.get().reporter_user == world["users"]["resident"]


def test_a_department_key_acts_for_its_party(client, world, report):
    case = drive(world, report(), State.DISPATCHED)
    _k, key = apikey_create(
        name="property-system",
        node=world["grid2"],  # elsewhere: it sees the case because it is dispatched to its party
        party=world["property_co"],
        permissions=["cases.handle"],
    )
    response = _post(client, f"/api/cases/{case.reference}/start_handling", HTTP_X_API_KEY=key)
    assert response.status_code == 200 and response.json()["state"] == "handling"


@pytest.mark.parametrize("path", ["/api/cases", "/api/categories"])
def test_reading_needs_authentication(client, db, path):
    assert client.get(path).status_code == 401


# Savepoint, reference counter, case, answers, timeline entry, audit entry, release: the
# answer is built from what the intake wrote, the rest comes from the per-process caches.
def test_create_costs_at_most_eight_queries(
    client, world, django_assert_max_num_queries, cache_clock
):
    _k, key = apikey_create(
        name="camera", node=world["community"], permissions=["cases.report", "cases.view"]
    )
    body = {"category": "property-lift", "description": "电梯停了", "answers": {"floor": 5}}
    body.update(lat=GRID1_POINT["lat"], lon=GRID1_POINT["lon"])
    assert _post(client, "/api/cases", body, HTTP_X_API_KEY=key).status_code == 201
    with django_assert_max_num_queries(8):
        created = _post(client, "/api/cases", body, HTTP_X_API_KEY=key)
    assert created.status_code == 201
    out = created.json()
    # The answer built without reading back is the one a later read gives.
    again = _post(client, "/api/cases", body, HTTP_X_API_KEY=key)
    detail = client.get(f"/api/cases/{out['reference']}", HTTP_X_API_KEY=key).json()
    assert again.status_code == 201
    for field in ("reference", "state", "routed_party", "answers", "timeline", "step_deadline_at"):
        assert out[field] == detail[field], field
    assert out["routed_party"] == {"id": world["property_co"].pk, "name": world["property_co"].name}


def test_list_costs_the_same_queries_whatever_the_page_size(client, world, report, cache_clock):
    for i in range(3):
        report(description=f"电梯坏了{i}")
    api = _as(client, world, "dispatcher")

    def count(**params):
        with CaptureQueriesContext(connection) as ctx:
            assert api.get("/api/cases", params).status_code == 200
        return len(ctx.captured_queries)

    few = count(page_size=2)
    for i in range(10):
        report(description=f"又一台电梯{i}")
    assert count(page_size=2) == few
    assert count(page_size=100) == few


def test_list_walks_pages_with_after_and_counts_up_to_a_limit(client, world, report, monkeypatch):
    from gongzhi.api.routers import cases as cases_router

    made = [report(description=f"电梯坏了{i}").reference for i in range(5)]
    api = _as(client, world, "dispatcher")
    seen, after = [], None
    while True:
        params = {"page_size": 2, **({"after": after} if after else {})}
        page = api.get("/api/cases", params).json()
        seen += [c["reference"] for c in page["items"]]
        after = page["next_after"]
        if after is None:
            break
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))
    assert page["count"] == 5 and page["count_is_exact"]
    monkeypatch.setattr(cases_router, "COUNT_LIMIT", 3)
    capped = api.get("/api/cases").json()
    assert (capped["count"], capped["count_is_exact"], len(capped["items"])) == (3, False, 5)
    assert api.get("/api/cases", {"after": "yesterday"}).status_code == 400
    assert api.get("/api/cases", {"queue": "overdue", "after": after or "x~1"}).status_code == 400


def test_a_page_is_written_exactly_as_the_validated_schema_would_write_it(client, world, report):
    import json

    from gongzhi.api import rendering
    from gongzhi.api.routers.case_schemas import CasePage

    report(description="电梯坏了")
    drive(world, report(description="电梯又坏了"), State.DISPATCHED)
    api = _as(client, world, "dispatcher")
    response = api.get("/api/cases", {"page_size": 2})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    validated = CasePage.model_validate(data).model_dump()
    # the bytes the API's renderer writes for the validated answer (Chinese as UTF-8)
    assert response.content == rendering.dumps(validated)
    assert "电梯又坏了".encode() in response.content
    assert {c["assigned_party"] is None for c in data["items"]} == {True, False}
