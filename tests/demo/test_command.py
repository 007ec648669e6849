from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from gongzhi.org.management.commands import demo as demo_command


@override_settings(DEBUG=True)
def test_if_empty_builds_on_an_empty_database(db, monkeypatch):
    calls = []

    def fake_build(stdout=None, password=""):
        calls.append(password)
        return {"created": {"nodes": 1}, "logins": []}

    monkeypatch.setattr(demo_command, "build_demo", fake_build)
    out = StringIO()
    with translation.override("en"):
        call_command("demo", "--if-empty", stdout=out)
    assert calls == ["gongzhi2026"]
    assert "nodes: 1" in out.getvalue()


@override_settings(DEBUG=False)
def test_refuses_without_debug_unless_forced(db, monkeypatch):
    monkeypatch.setattr(demo_command, "build_demo", pytest.fail)
    with translation.override("en"), pytest.raises(CommandError, match="--force"):
        call_command("demo", stdout=StringIO())


@override_settings(DEBUG=True)
def test_refuses_a_short_password(db, monkeypatch):
    monkeypatch.setattr(demo_command, "build_demo", pytest.fail)
    with translation.override("en"), pytest.raises(CommandError, match="password"):
        call_command("demo", "--password", "short", stdout=StringIO())


@override_settings(DEBUG=False)
def test_force_loads_the_demo_without_debug(db, monkeypatch):
    calls = []
    monkeypatch.setattr(
        demo_command,
        "build_demo",
        lambda stdout=None, password="": calls.append(password) or {"created": {}, "logins": []},
    )
    call_command("demo", "--force", "--password", "a-long-staging-password", stdout=StringIO())
    assert calls == ["a-long-staging-password"]
