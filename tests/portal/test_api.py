"""The public JSON: no key, cached, rate-limited per connecting address, scrubbed."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_public_endpoints_answer_without_a_key(world, publish, report, client):
    report(is_public=True)
    story = publish(title="新闻一")
    for url in [
        "/api/public/places",
        f"/api/public/places/{world['community'].code}",
        "/api/public/case-list",
        f"/api/public/grids/{world['grid1'].code}",
        "/api/public/stories",
        f"/api/public/stories/{story.pk}",
        "/api/public/activities",
        "/api/public/search?q=新闻",
    ]:
        assert client.get(url).status_code == 200, url


def test_the_figures_match_the_portal(world, report, client):
    report()
    figures = client.get(f"/api/public/places/{world['community'].code}").json()["figures"]
    received = next(f for f in figures if f["key"] == "reports_received")
    assert received["value"] == 1 and received["url"].startswith("/portal/reports/")


def test_a_second_call_is_answered_from_the_cache(world, report, client):
    report(is_public=True)
    client.get("/api/public/case-list")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/public/case-list").json()["count"] == 1
    assert len(queries.captured_queries) == 0


def test_a_forged_forwarded_for_does_not_lift_the_limit(world, client, settings):
    settings.GONGZHI_PUBLIC_READ_RATE = "3/m"
    cache.clear()
    statuses = [
        client.get("/api/public/places", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]


def test_unpublished_stories_are_not_in_the_api(world, client):
    from gongzhi.portal.services import story_create

    story = story_create(
        actor=world["users"]["staff"], node=world["community"], title="草稿", body="x"
    )
    assert client.get(f"/api/public/stories/{story.pk}").status_code == 404
    assert client.get("/api/public/stories").json()["count"] == 0
