"""A real server for the reliability tests: gunicorn with 2 workers on a free loopback port,
on the test database the test itself uses. Started in its own process group so that it (and
only it) can be killed with SIGKILL."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

READY_TIMEOUT = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The URL of the database this test process is using (the test database)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


def request(base: str, method: str, path: str, body: bytes | None = None, headers=None, timeout=60):
    """(status, body) of one HTTP request to the loopback server."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    """gunicorn serving ``gongzhi.wsgi`` on 127.0.0.1."""

    def __init__(self, log_dir: Path, workers: int = 2, env: dict | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.log_path = log_dir / f"gunicorn-{self.port}.log"
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None

    def _env(self) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
                "SECRET_KEY": "reliability-tests-only-a-long-random-enough-secret-key",
                "DEBUG": "0",
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "0",
                "SECURE_COOKIES": "0",
                "SECURE_HSTS_SECONDS": "0",
                "DATABASE_URL": database_url(),
                "GONGZHI_DATA_DIR": str(settings.DATA_DIR),
                "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
                "LOG_LEVEL": "ERROR",
            }
        )
        env.update(self.extra_env)
        return env

    def start(self) -> str:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "gongzhi.wsgi:application",
                    "--workers",
                    str(self.workers),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--timeout",
                    "120",
                    "--graceful-timeout",
                    "5",
                ],
                env=self._env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg reaches it alone
            )
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_path.read_text()[-2000:]}")
            try:
                status, _body = request(self.base, "GET", "/open311/v2/discovery.json", timeout=5)
                if status == 200:
                    return self.base
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer in {READY_TIMEOUT} s")

    def kill(self) -> None:
        """SIGKILL the master and its workers at once, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
