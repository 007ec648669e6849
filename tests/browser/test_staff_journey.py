"""A community staff member on a phone: the home page, then giving a grid worker a role."""

import os

import pytest

from gongzhi.org.models import RoleAssignment
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from tests.browser.helpers import login, screenshot
from tests.ui.factories import build_xinsheng

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-tests"


def test_staff_gives_a_role_from_a_phone(
    phone_page, live_server, transactional_db, django_user_model
):
    tree = build_xinsheng(grids=2, microgrids_per_grid=1)
    staff = django_user_model.objects.create_user(username="staff", password=PASSWORD)
    role_assign(user=staff, role=Role.STAFF, node=tree.community)
    django_user_model.objects.create_user(username="wang", password=PASSWORD)
    page = phone_page

    login(page, live_server, "staff", PASSWORD)
    assert page.locator("main").get_by_role("link", name="新胜社区").is_visible()
    screenshot(page, "home-staff-phone")

    page.goto(f"{live_server.url}/org/roles/add/?node={tree.grids[1].code}")
    page.fill("#id_username", "nobody")
    page.select_option("#id_role", Role.GRID_WORKER)
    page.click("main button[type=submit]")
    error = page.locator("#id_username_error")
    assert "nobody" in error.inner_text()
    assert page.get_attribute("#id_username", "aria-invalid") == "true"
    screenshot(page, "role-add-error-phone")

    page.fill("#id_username", "wang")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".message.success").is_visible()
    assignment = RoleAssignment.objects.get(user__username="wang")
    assert (assignment.role, assignment.node_id) == (Role.GRID_WORKER, tree.grids[1].pk)
    screenshot(page, "roles-after-add-phone")
    assert page.js_errors == [] and page.external_requests == []
