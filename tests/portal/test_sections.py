"""Each app's section appears only while that app is installed, never faked."""

from django.apps import apps
from django.urls import reverse

from gongzhi.portal.sections import (
    Figure,
    Section,
    active_sections,
    register_section,
    unregister_section,
)


def _example_section():
    def figures(node, start, end):
        return [Figure("drives_open", "Open drives", 3, "3", "/example/")]

    return Section(key="example", app="gongzhi.example", title="Drives", figures=figures)


def test_the_installed_apps_have_their_sections():
    keys = {s.key for s in active_sections()}
    assert {
        "stories",
        "cases",
        "volunteering",
        "points",
        "places",
        "participation",
        "charity",
    } <= keys


def test_a_section_of_an_app_that_is_not_installed_is_absent(world, client):
    register_section(_example_section())
    try:
        assert "example" not in {s.key for s in active_sections()}
        body = client.get(reverse("portal:place", args=[world["community"].code])).content
        assert b"drives_open" not in body
    finally:
        unregister_section("example")


def test_the_same_section_appears_once_its_app_is_installed(world, client, monkeypatch):
    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name == "gongzhi.example" or installed(name)
    )
    register_section(_example_section())
    try:
        body = client.get(reverse("portal:place", args=[world["community"].code])).content
        assert b'data-figure="drives_open"' in body
    finally:
        unregister_section("example")


def test_an_uninstalled_domain_app_removes_its_figures(world, client, monkeypatch):
    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "gongzhi.points" and installed(name)
    )
    body = client.get(reverse("portal:place", args=[world["community"].code])).content
    assert b'data-figure="points_redeemed"' not in body
    assert b'data-figure="reports_received"' in body
