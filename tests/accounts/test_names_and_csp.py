"""People are shown by name, never by login; pages carry a CSP without inline scripts."""

import re
from pathlib import Path

from django.contrib.auth import get_user_model

from gongzhi.org.names import display_name, public_display_name

SRC = Path(__file__).resolve().parents[2] / "src" / "gongzhi"


def test_display_name_prefers_the_person_then_the_login_name(world):
    staff = world["users"]["staff"]
    named = get_user_model().objects.create_user(username="r-abc", first_name="李四")
    bare = get_user_model().objects.create_user(username="zz-login")
    assert display_name(named) == "李四" and public_display_name(named) == "李*"
    assert display_name(bare) != "zz-login"
    assert staff.username not in display_name(staff) or hasattr(staff, "person")


def test_the_top_bar_shows_the_name_not_the_login(client, world):
    user = get_user_model().objects.create_user(username="login-xyz", first_name="王五")
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "王五" in page and "login-xyz" not in page


def test_no_template_shows_a_login():
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("templates/**/*.html")
        if re.search(r"get_username|\.username\b", path.read_text())
    ]
    assert offenders == []


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, world):
    response = client.get("/report/")
    policy = response["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'self'" in script and "unsafe-inline" not in script
    assert "frame-ancestors 'none'" in policy


def test_no_template_has_inline_script_or_event_handlers():
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+=\"")
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("templates/**/*.html")
        if inline.search(path.read_text())
    ]
    assert offenders == []
