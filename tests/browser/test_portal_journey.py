"""The public portal on a phone and a desktop, offline: a visitor opens the home page, the map
with its basemap drawn from local tiles (nothing fetched from the internet), taps a grid, reads a
story and signs up for an activity. No public page scrolls sideways at 360 px."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from gongzhi.cases.choices import CategoryKind, Channel
from gongzhi.cases.models import Category
from gongzhi.cases.services import case_report
from gongzhi.org.choices import Force
from gongzhi.org.models import Node
from gongzhi.org.roles import Role
from gongzhi.org.services import person_create, role_assign
from gongzhi.portal.basemap import build_tiles, store_tiles
from gongzhi.portal.basemap.demo import demo_features
from gongzhi.portal.services import grid_contact_set, story_approve, story_create, story_submit
from gongzhi.volunteering.choices import SignupState
from gongzhi.volunteering.models import Signup
from gongzhi.volunteering.services import activity_create, activity_publish, team_create
from tests.browser.helpers import login, screenshot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests"
SIZES = {
    "phone-360": {"width": 360, "height": 640},
    "phone-390": {"width": 390, "height": 844},
    "desktop-1366": {"width": 1366, "height": 768},
}


@pytest.fixture
def portal_world(small_tree, make_user):
    community = small_tree["community"]
    staff = make_user("shequ")
    role_assign(user=staff, role=Role.STAFF, node=community)
    editor = make_user("bianji")
    role_assign(user=editor, role=Role.SUPERVISOR, node=small_tree["district"])
    worker = person_create(node=small_tree["grid1"], name="李网格", is_grid_worker=True)
    grid_contact_set(
        node=small_tree["grid1"], actor=staff, person=worker, work_phone="0513-85590001"
    )
    story = story_create(
        actor=staff,
        node=community,
        title="紫藤花开 楼道焕新颜",
        body="## 共治\n居民、物业和网格员一起把楼道打扫干净。\n\n第二段。",
        tags=["志愿服务"],
    )
    story_submit(story=story, actor=staff)
    story = story_approve(story=story, actor=editor)
    category = Category.objects.create(
        code="lift",
        name="电梯故障",
        kind=CategoryKind.COMPONENT,
        responsible_force=Force.PROPERTY_MANAGER,
    )
    case_report(
        category=category,
        description="3幢电梯停了",
        channel=Channel.WEB,
        actor=None,
        lat=32.05,
        lon=120.05,
        is_public=True,
    )
    team = team_create(node=community, name="红网服务队")
    now = timezone.now().replace(second=0, microsecond=0)
    activity = activity_publish(
        activity=activity_create(
            team=team,
            title="政策宣讲进楼道",
            location="树下议事厅",
            starts_at=now + dt.timedelta(days=1),
            ends_at=now + dt.timedelta(days=1, hours=2),
            capacity=10,
            signup_opens_at=now - dt.timedelta(days=1),
            signup_closes_at=now + dt.timedelta(hours=20),
        )
    )
    resident = person_create(node=small_tree["b1"], name="赵居民", user=make_user("zhao"))
    features, bbox = demo_features(list(Node.objects.exclude(boundary__isnull=True)))
    store_tiles(build_tiles(features, bbox=bbox, min_zoom=8, max_zoom=12))
    return {**small_tree, "story": story, "activity": activity, "resident": resident}


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("size", list(SIZES))
def test_a_visitor_finds_the_map_reads_a_story_and_signs_up(
    size, new_page, live_server, portal_world
):
    page = new_page(phone=size != "desktop-1366")
    page.set_viewport_size(SIZES[size])
    base = live_server.url

    page.goto(f"{base}/")
    assert page.locator("text=测试社区").first.is_visible()
    assert _fits(page)

    page.goto(f"{base}/portal/map/")
    page.wait_for_selector("#portal-map[data-ready='1']")
    page.wait_for_selector(".gz-basemap canvas[data-drawn='1']")
    assert page.locator("#portal-map").get_attribute("data-basemap") == "local"
    assert int(page.locator("#portal-map").get_attribute("data-grids")) >= 2
    screenshot(page, f"portal-map-{size}", full_page=False)
    page.locator("#grid-panel").scroll_into_view_if_needed()
    page.locator(".chips a", has_text="第1网格").click()
    page.wait_for_selector("#grid-card")
    assert "0513-85590001" in page.locator("#grid-card").inner_text()
    assert _fits(page)

    page.goto(f"{base}{portal_world['story'].get_absolute_url()}")
    assert page.locator("h1", has_text="紫藤花开").is_visible()
    assert page.locator(".story-body h2", has_text="共治").is_visible()
    assert _fits(page)

    activity = portal_world["activity"]
    url = f"/portal/activities/{activity.pk}/"
    login(page, live_server, "zhao", PASSWORD, next_url=url)
    page.goto(f"{base}{url}")
    page.click("#sign-up")
    page.wait_for_selector(".message.success")
    signup = Signup.objects.get(activity=activity, person=portal_world["resident"])
    assert signup.state == SignupState.CONFIRMED
    assert _fits(page)
    assert page.external_requests == []
    assert page.js_errors == []


def test_no_public_page_scrolls_sideways_at_360px(new_page, live_server, portal_world):
    page = new_page(phone=True)
    page.set_viewport_size(SIZES["phone-360"])
    base = live_server.url
    community = portal_world["community"].code
    pages = [
        "/",
        f"/portal/place/{community}/",
        f"/portal/grid/{portal_world['grid1'].code}/",
        "/portal/map/",
        "/portal/reports/",
        "/portal/activities/",
        "/portal/activities/?view=list",
        f"/portal/activities/{portal_world['activity'].pk}/",
        "/portal/news/",
        portal_world["story"].get_absolute_url(),
        "/portal/search/?q=%E7%B4%AB%E8%97%A4",
        "/report/",
    ]
    wide = []
    for path in pages:
        page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        if not _fits(page):
            screenshot(page, "too-wide" + path)
            wide.append(path)
    assert wide == []
    screenshot(page, "portal-search-360")
    assert page.external_requests == []
