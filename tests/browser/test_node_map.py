"""The node page draws a community's grids and microgrids on the map; the tree expands."""

import importlib.util
import os

import pytest
from playwright.sync_api import expect

from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from tests.browser.helpers import login, screenshot
from tests.ui.factories import build_xinsheng

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-tests"
OVERLAY = ".leaflet-overlay-pane path"


@pytest.fixture
def staff_of(django_user_model):
    def make(node, username="staff"):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD)
        role_assign(user=user, role=Role.STAFF, node=node)
        return user

    return make


def count(page, selector: str) -> int:
    return page.locator(selector).count()


def open_node_map(page, live_server, node):
    page.goto(f"{live_server.url}{node.get_absolute_url()}")
    # The map script sets data-drawn once the children's GeoJSON is on the map.
    page.wait_for_selector("#map[data-drawn]", state="attached")


def test_community_page_draws_its_microgrids(page, live_server, transactional_db, staff_of):
    tree = build_xinsheng(grids=4, microgrids_per_grid=3)
    staff_of(tree.community)
    login(page, live_server, "staff", PASSWORD)
    open_node_map(page, live_server, tree.community)

    assert count(page, f"{OVERLAY}.gz-level-microgrid") == len(tree.microgrids) == 12
    assert count(page, f"{OVERLAY}.gz-level-grid") == len(tree.grids)
    assert count(page, f"{OVERLAY}.gz-outline") == 1
    assert page.locator(".leaflet-tooltip-pane").get_by_text("第1网格").is_visible()
    screenshot(page, "node-map-community")
    assert page.external_requests == []
    assert page.js_errors == []

    # A grid's label leads to the grid's own page, which draws its microgrids as children.
    with page.expect_navigation():
        page.locator(".leaflet-tooltip-pane a", has_text="第1网格").click()
    page.wait_for_selector("#map[data-drawn]", state="attached")
    assert page.url.endswith(tree.grids[0].get_absolute_url())
    assert count(page, f"{OVERLAY}.gz-depth-1.gz-level-microgrid") == 3


def test_community_page_fits_a_phone(phone_page, live_server, transactional_db, staff_of):
    tree = build_xinsheng(grids=3, microgrids_per_grid=2)
    staff_of(tree.community)
    login(phone_page, live_server, "staff", PASSWORD)
    open_node_map(phone_page, live_server, tree.community)
    assert count(phone_page, f"{OVERLAY}.gz-level-microgrid") == 6
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert (
        phone_page.get_by_role("link", name="网格").first.is_visible()
        or phone_page.locator(".mainnav a").first.is_visible()
    )
    screenshot(phone_page, "node-map-community-phone")
    assert phone_page.js_errors == []


def test_browser_tree_expands_on_demand_and_redraws_the_map(
    page, live_server, transactional_db, staff_of
):
    tree = build_xinsheng(grids=2, microgrids_per_grid=2)
    staff_of(tree.district)
    login(page, live_server, "staff", PASSWORD, next_url="/org/")
    page.wait_for_selector("#map[data-drawn]", state="attached")
    assert page.locator("#tree-root").get_by_text("崇川经济开发区").count() == 0

    page.locator(f"[data-node-code='{tree.district.code}']").click()
    page.locator("#tree-root").get_by_text("崇川经济开发区").wait_for()
    page.locator(f"[data-node-code='{tree.street.code}']").click()
    page.locator("#tree-root").get_by_text("新胜社区").wait_for()
    expect(page.locator(".leaflet-overlay-pane path.gz-level-community")).to_have_count(1)
    # Collapsing hides the children again without another request.
    toggle = page.locator(f"[data-node-code='{tree.street.code}']")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#tree-root").get_by_text("新胜社区").is_visible()
    screenshot(page, "node-browser")
    assert page.external_requests == []
    assert page.js_errors == []


DEMO_MISSING = importlib.util.find_spec("gongzhi.org.demo") is None


@pytest.mark.skipif(
    DEMO_MISSING, reason="gongzhi.org.demo (the demo district builder) is not in this tree yet"
)
def test_demo_xinsheng_draws_its_72_microgrids(page, live_server, transactional_db, staff_of):
    # The demo's places only (the whole demo's residents, cases and the rest are not drawn).
    from django.db import transaction

    from gongzhi.org.demo.nodes import write_nodes
    from gongzhi.org.demo.plan import make_plan
    from gongzhi.org.demo.run import DemoRun

    with transaction.atomic():
        write_nodes(DemoRun(password="unused-here"), make_plan())
    community = Node.objects.get(level=Level.COMMUNITY, name="新胜社区")
    microgrids = Node.objects.filter(
        path__startswith=community.path,
        level=Level.MICROGRID,
        depth__lte=community.depth + 2,
        boundary__isnull=False,
    )
    assert microgrids.count() == 72
    staff_of(community, username="demo-browser-staff")
    login(page, live_server, "demo-browser-staff", PASSWORD)
    open_node_map(page, live_server, community)
    assert count(page, f"{OVERLAY}.gz-level-microgrid") == 72
    screenshot(page, "node-map-demo-xinsheng")
    assert page.external_requests == []
    assert page.js_errors == []
