"""Browser journeys: Playwright's sync API driving the system's Chromium.

A pytest plugin loaded by tests/conftest.py, so that every app's browser journey shares one
Chromium (Playwright's sync API allows one running instance per thread).

Fixtures: ``browser`` (one Chromium for the session), ``page`` (a desktop-sized page),
``phone_page`` (390×844, touch), ``new_page(phone=False)`` for more. Every page refuses
requests that leave the live server (no tiles, fonts or scripts from the internet) and keeps
them in ``page.external_requests``; script errors land in ``page.js_errors``.

When Chromium is not installed the tests are skipped, unless GONGZHI_REQUIRE_BROWSER=1 (then
they fail). GONGZHI_CHROMIUM points at another Chromium binary.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (building data, asserting) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("GONGZHI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def _require_browser() -> bool:
    return os.environ.get("GONGZHI_REQUIRE_BROWSER", "") == "1"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}"
        if _require_browser():
            pytest.fail(f"{message} and GONGZHI_REQUIRE_BROWSER=1")
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        if _require_browser():
            raise
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages (``new_page(phone=True)`` for a phone) that may only talk to the live server."""
    contexts = []
    allowed_host = urlsplit(live_server.url).netloc

    def make(*, phone: bool = False):
        context = browser.new_context(
            **(PHONE if phone else DESKTOP), locale="zh-CN", timezone_id="Asia/Shanghai"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.external_requests = []
        page.js_errors = []

        def route(route, request):
            parts = urlsplit(request.url)
            if parts.scheme in {"data", "blob"} or parts.netloc == allowed_host:
                route.continue_()
            else:
                page.external_requests.append(request.url)
                route.abort()

        context.route("**/*", route)
        page.on("pageerror", lambda error: page.js_errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()
    # While Playwright's loop runs, Django keeps database connections per async context rather
    # than per thread; close the test body's connections, or PostgreSQL cannot drop the test
    # database at the end of the run.
    connections.close_all()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def phone_page(new_page):
    return new_page(phone=True)
