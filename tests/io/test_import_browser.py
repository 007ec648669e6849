"""The import page in a real browser: a file chosen in the form uploads and the report shows."""

from pathlib import Path

import pytest
from django.test import Client

from gongzhi.org.models import Person
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from tests.io.builders import make_id, person_row, roster

SHOTS = Path("test-artifacts/screenshots")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_uploads_roster_sees_bad_row_then_imports(
    small_tree, make_user, live_server, page, tmp_path
):
    staff = make_user()
    role_assign(user=staff, role=Role.STAFF, node=small_tree["grid1"])
    client = Client()
    client.force_login(staff)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    bad = tmp_path / "bad.xlsx"
    rows = [
        person_row(),
        person_row(building="T-S-C-G2-B2", name="李四", 身份证号=make_id(seq="003")),
    ]
    bad.write_bytes(roster(rows).getvalue())
    good = tmp_path / "good.xlsx"
    good.write_bytes(roster(rows[:1]).getvalue())
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{live_server.url}/org/import/")
    page.set_input_files("input[type=file]", str(bad))
    page.click("main form button[type=submit]")
    problems = page.locator("#import-problems")
    problems.wait_for()
    assert "T-S-C-G2-B2" in problems.inner_text()
    assert problems.locator("tbody tr td").first.inner_text().startswith("3")
    page.screenshot(path=str(SHOTS / "import-roster-problems.png"), full_page=True)
    assert not Person.objects.exists()

    page.set_input_files("input[type=file]", str(good))
    page.click("main form button[type=submit]")
    page.locator("#import-summary").wait_for()
    page.screenshot(path=str(SHOTS / "import-roster-done.png"), full_page=True)
    assert Person.objects.get().name == "张三"
