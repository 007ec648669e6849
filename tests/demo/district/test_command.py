from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from gongzhi.org.demo.logins import LOGINS
from gongzhi.org.management.commands import demo as demo_command


@override_settings(DEBUG=True)
def test_demo_command_prints_every_login_with_its_password(demo_db):
    out = StringIO()
    with translation.override("en"):
        call_command("demo", stdout=out)
    text = out.getvalue()
    assert "nothing was created" in text
    table = text[text.index("username") :].split("\n\n")[0].splitlines()
    assert len(table) == 2 + len(LOGINS)
    for spec, line in zip(LOGINS, table[2:], strict=True):
        assert line.startswith(spec.username + " ") and line.endswith("gongzhi2026")
    assert "wanggeyuan1" in text and "第一网格" in text


def test_if_empty_does_nothing_when_places_exist(demo_db, monkeypatch):
    monkeypatch.setattr(demo_command, "build_demo", pytest.fail)
    out = StringIO()
    with translation.override("en"):
        call_command("demo", "--if-empty", stdout=out)
    assert "not loaded" in out.getvalue()
