"""gunicorn with 2 workers on a free loopback port, on the benchmark's throwaway database,
and a thread-pool load generator (bench only)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = (db["USER"] or "") + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(port: int, method: str, path: str, body: bytes | None = None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class BenchServer:
    def __init__(self, workers: int = 2, env: dict | None = None):
        self.port = _free_port()
        self.workers = workers
        self.extra_env = env or {}
        self.process = None

    def __enter__(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="bench._settings",
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            SECRET_KEY="benchmark-only-secret-key-that-is-long-enough-to-pass",
            DEBUG="0",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            DATABASE_URL=_database_url(),
            TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            LOG_LEVEL="ERROR",
        )
        env.update(self.extra_env)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "gongzhi.wsgi:application"]
            + ["--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}"]
            + ["--timeout", "120", "--log-level", "error"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if call(self.port, "GET", "/bench/bare.json")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("the benchmark server did not start")

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def throughput(port: int, requests: list, clients: int) -> float:
    """Send ``requests`` ((method, path, body, headers) tuples) over ``clients`` threads;
    return requests per second. Every answer must be 2xx."""
    failures = []

    def worker(offset):
        for method, path, body, headers in requests[offset::clients]:
            status, raw = call(port, method, path, body, headers)
            if not 200 <= status < 300:
                failures.append((status, raw[:200]))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed, e.g. {failures[0]}")
    return len(requests) / elapsed
