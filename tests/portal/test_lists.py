"""Lists a resident understands: near me, in my grid, by state and month; the calendar and the
sign-up button; search with result types; the site's home."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongzhi.core.models import AuditEntry
from gongzhi.org.services import person_create
from gongzhi.volunteering.choices import SignupState
from gongzhi.volunteering.models import Signup
from tests.cases.helpers import drive
from tests.portal.conftest import GRID1_POINT, GRID2_POINT


def _refs(response):
    return [row["reference"] for row in response.context["rows"]]


def test_reports_near_me_keep_to_about_800_metres(world, report, client):
    here = report(is_public=True, **GRID1_POINT)
    report(is_public=True, **GRID2_POINT)
    near = f"{GRID1_POINT['lat']},{GRID1_POINT['lon'] + 0.005}"
    assert _refs(client.get(reverse("portal:reports"), {"near": near})) == [here.reference]


def test_a_bad_position_is_said_and_ignored(world, report, client):
    report(is_public=True)
    response = client.get(reverse("portal:reports"), {"near": "north,pole"})
    assert response.context["near_invalid"] and len(response.context["rows"]) == 1


def test_reports_in_my_grid(world, report, client):
    resident = world["users"]["resident"]
    person_create(node=world["b1"], name="王居民", user=resident)
    mine = report(is_public=True, **GRID1_POINT)
    report(is_public=True, **GRID2_POINT)
    client.force_login(resident)
    response = client.get(reverse("portal:reports"))
    assert response.context["my_grid"] == world["grid1"]
    assert _refs(client.get(reverse("portal:reports"), {"place": world["grid1"].code})) == [
        mine.reference
    ]


def test_open_and_closed_filters(world, report, client):
    closed = drive(world, report(is_public=True), "closed")
    still_open = report(is_public=True)
    assert _refs(client.get(reverse("portal:reports"), {"state": "closed"})) == [closed.reference]
    assert _refs(client.get(reverse("portal:reports"), {"state": "open"})) == [still_open.reference]


def test_the_reports_list_is_paginated_in_flat_queries(world, report, client):
    for _ in range(3):
        report(is_public=True)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portal:reports"))
    for _ in range(22):
        report(is_public=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("portal:reports"))
    assert len(response.context["rows"]) == 20
    assert response.context["page"].has_next()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_calendar_has_a_month_and_a_list_view(world, make_activity, client):
    activity = make_activity(title="楼道焕新颜")
    month = activity.starts_at.astimezone().strftime("%Y-%m")
    for view in ("month", "list"):
        body = client.get(reverse("portal:activities"), {"month": month, "view": view}).content
        assert "楼道焕新颜".encode() in body
        assert reverse("portal:activity_detail", args=[activity.pk]).encode() in body


def test_signing_up_goes_through_the_volunteering_service(
    world, make_activity, make_person, client
):
    activity = make_activity()
    person = make_person("赵居民")
    client.force_login(person.user)
    page = client.get(reverse("portal:activity_detail", args=[activity.pk])).content.decode()
    assert 'id="sign-up"' in page
    response = client.post(reverse("portal:activity_sign_up", args=[activity.pk]))
    assert response.status_code == 302
    assert Signup.objects.get(activity=activity, person=person).state == SignupState.CONFIRMED
    assert AuditEntry.objects.filter(action__startswith="volunteering.signup").exists()
    again = client.get(reverse("portal:activity_detail", args=[activity.pk])).content.decode()
    assert 'id="sign-up"' not in again


def test_visitors_are_asked_to_log_in_to_sign_up(world, make_activity, client):
    activity = make_activity()
    body = client.get(reverse("portal:activity_detail", args=[activity.pk])).content.decode()
    assert reverse("login") in body
    response = client.post(reverse("portal:activity_sign_up", args=[activity.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not Signup.objects.exists()


def test_search_finds_chinese_substrings_with_their_types(
    world, publish, make_activity, report, client
):
    publish(title="紫藤花开治理品牌", body="<p>楼道焕新颜积分墙</p>")
    make_activity(title="紫藤宣讲")
    report(is_public=True, description="紫藤架倒了压坏了自行车")
    response = client.get(reverse("portal:search"), {"q": "紫藤"})
    types = {hit.type for _key, hits in response.context["groups"] for hit in hits}
    assert types == {"story", "activity", "case"}
    only = client.get(reverse("portal:search"), {"q": "紫藤", "type": "story"})
    assert {hit.type for _key, hits in only.context["groups"] for hit in hits} == {"story"}


def test_the_home_is_the_portal_for_visitors_and_the_panels_for_staff(world, as_user, client):
    public = client.get("/").content.decode()
    assert reverse("portal:map") in public and world["community"].name in public
    staff = as_user("staff").get("/")
    assert "panels" in staff.context and staff.context["panels"]


def test_postgresql_ranks_stories_by_trigram_similarity_when_available(world, publish, client):
    import pytest
    from django.db import connection

    from gongzhi.portal import search

    if connection.vendor != "postgresql":
        pytest.skip("trigram ranking is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    search._trigram_available.cache_clear()
    try:
        # The closer title is the older one: only the ranking can put it first.
        publish(title="紫藤花开治理品牌", body="<p>紫藤</p>")
        publish(title="社区里的紫藤", body="<p>紫藤花开治理品牌</p>")
        response = client.get(reverse("portal:search"), {"q": "紫藤花开治理品牌", "type": "story"})
        titles = [hit.title for _key, hits in response.context["groups"] for hit in hits]
        assert titles[0] == "紫藤花开治理品牌" and len(titles) == 2
    finally:
        search._trigram_available.cache_clear()


def test_without_trigrams_search_still_matches_by_substring(world, publish, client, monkeypatch):
    from gongzhi.portal import search

    monkeypatch.setattr(search, "trigram_available", lambda: False)
    publish(title="紫藤花开治理品牌")
    response = client.get(reverse("portal:search"), {"q": "花开", "type": "story"})
    assert [h.title for _k, hits in response.context["groups"] for h in hits] == [
        "紫藤花开治理品牌"
    ]
