"""With DEBUG off, the commands of docs/deployment.md serve the CSS, JavaScript and Leaflet."""

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.server import database_url, free_port, request

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def _guide_command(prefix: str) -> list[str]:
    line = next(line for line in GUIDE.read_text().splitlines() if line.startswith(prefix))
    return shlex.split(line)


def _env(static_root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="gongzhi.settings",
        SECRET_KEY="deployment-test-only-a-long-random-enough-secret-key-value",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url(),
        GONGZHI_STATIC_ROOT=str(static_root),
        LOG_LEVEL="ERROR",
    )
    return env


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


@pytest.mark.django_db(transaction=True)
def test_the_guides_commands_serve_static_files_with_debug_off(world, tmp_path):
    env = _env(tmp_path / "static")
    collect = _guide_command("gongzhi collectstatic")
    subprocess.run([_bin("gongzhi"), *collect[1:]], env=env, check=True, capture_output=True)
    command = _guide_command("gunicorn gongzhi.wsgi")
    port = free_port()
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[command.index("--workers") + 1] = "1"
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [_bin("gunicorn"), *command[1:]],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, page = request(base, "GET", "/report/", timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.3)
        assert status == 200
        assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page.decode())
        assert any("leaflet" in a and a.endswith(".js") for a in assets), assets
        assert any(a.endswith(".css") for a in assets) and any("site" in a for a in assets)
        for asset in assets:
            status, body = request(base, "GET", asset)
            assert status == 200 and len(body) > 100, asset
        # Hashed names from collectstatic's manifest: cacheable for long.
        assert any(re.search(r"\.[0-9a-f]{12}\.(css|js)$", a) for a in assets), assets
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
