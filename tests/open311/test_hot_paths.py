"""What a report and a page of requests cost in queries, guarded so that it stays flat."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.cases.models import Case
from tests.cases.conftest import GRID1_POINT

# Savepoint, reference counter, case, answer, timeline entry, audit entry, release, and the
# duplicate probe for service_notice; everything else comes from the per-process caches.
REPORT_QUERIES = 8


def test_a_report_costs_at_most_eight_queries(
    post_report, django_assert_max_num_queries, cache_clock
):
    post_report(description="第一份：电梯坏了")  # fills this process's caches
    with django_assert_max_num_queries(REPORT_QUERIES):
        response = post_report(description="又一份：电梯停在5楼")
    assert response.status_code == 201


def test_a_report_with_an_idempotency_key_costs_no_more(post_report, django_assert_max_num_queries):
    post_report(description="第一份：电梯坏了")
    with django_assert_max_num_queries(REPORT_QUERIES):
        first = post_report(headers={"HTTP_IDEMPOTENCY_KEY": "k-1"}, description="电梯停了")
    assert first.status_code == 201
    again = post_report(headers={"HTTP_IDEMPOTENCY_KEY": "k-1"}, description="电梯停了")
    assert again.status_code == 200
    assert again.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]
    assert Case.objects.filter(idempotency_key__endswith=":k-1").count() == 1


def test_a_retry_that_no_longer_validates_still_answers_its_case(post_report):
    first = post_report(headers={"HTTP_IDEMPOTENCY_KEY": "k-2"})
    # The same report again, but its answer is now missing: the retry is recognised anyway.
    again = post_report(headers={"HTTP_IDEMPOTENCY_KEY": "k-2"}, **{"attribute[floor]": None})
    assert again.status_code == 200
    assert again.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]


def _list_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/open311/v2/requests.json", params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_a_page_of_requests_costs_the_same_queries_whatever_its_size(client, report, cache_clock):
    for i in range(3):
        report(description=f"电梯坏了{i}", is_public=True)
    small = _list_queries(client, page_size=2)
    for i in range(12):
        report(description=f"电梯又坏了{i}", is_public=True)
    assert _list_queries(client, page_size=2) == small
    assert _list_queries(client, page_size=15) == small
    assert small <= 3  # the page, its photos, the names of its reporters


def test_a_page_with_extensions_costs_a_fixed_number_of_queries(client, report, keys, cache_clock):
    for i in range(2):
        report(description=f"电梯坏了{i}", is_public=True)
    _list_queries(client, page_size=20, extensions="true", api_key=keys["reporter"])  # warm
    few = _list_queries(client, page_size=20, extensions="true", api_key=keys["reporter"])
    for i in range(6):
        report(description=f"电梯又坏了{i}", is_public=True)
    assert _list_queries(client, page_size=20, extensions="true", api_key=keys["reporter"]) == few


def test_intake_points_are_routed_without_reading_the_tree(post_report, world):
    post_report()
    response = post_report(lat=str(GRID1_POINT["lat"]), long=str(GRID1_POINT["lon"]))
    case = Case.objects.get(reference=response.json()[0]["service_request_id"])
    assert case.node == world["grid1"] and case.routed_party == world["property_co"]


def test_page_rows_serialise_exactly_as_full_cases_do(report, world):
    from gongzhi.cases.choices import State
    from gongzhi.open311 import selectors, serializers
    from tests.cases.conftest import jpeg_bytes
    from tests.cases.helpers import drive

    report(description="电梯坏了", is_public=True, photos=[jpeg_bytes()])
    drive(world, report(description="电梯又坏了", is_public=True), State.DISPATCHED)
    drive(world, report(description="电梯修好了", is_public=True), State.CLOSED)
    qs = selectors.readable_cases(None).order_by("-reported_at", "-id")
    rows = selectors.page_rows(qs[:10])
    cases = list(selectors.with_media(qs, False)[:10])
    assert len(rows) == 3
    for full in (True, False):
        assert [serializers.request(r, full=full) for r in rows] == [
            serializers.request(c, full=full) for c in cases
        ]
    assert [[p.pk for p in r.photo_list] for r in rows] == [
        [p.pk for p in c.photo_list] for c in cases
    ]
    assert [r.node.path for r in rows] == [c.node.path for c in cases]
