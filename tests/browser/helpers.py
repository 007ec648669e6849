"""Helpers for browser journeys: log in through the real form, save screenshots."""

from __future__ import annotations

import re
from pathlib import Path

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def login(page, live_server, username: str, password: str, *, next_url: str = "/") -> None:
    """Sign in through the login form and wait until the site has taken us on."""
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/accounts/login/" in page.url:
        raise AssertionError(f"login as {username!r} failed: still on {page.url}")


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG under test-artifacts/screenshots/ and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "screenshot"
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def read_qr(locator) -> str:
    """Read the QR code ``locator`` shows on screen, as a phone camera would; its text."""
    import io

    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(locator.screenshot()))
    results = zxingcpp.read_barcodes(image)
    if len(results) != 1:
        raise AssertionError(f"expected one QR code on screen, found {len(results)}")
    return results[0].text
