"""gongzhi serve — the web server, the task worker and the scheduler in one command.

``make run`` uses it so that a fresh install escalates, reminds and retries by itself. In
production run the three as separate services instead (docs/deployment.md).
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server, the task worker and the scheduler together until stopped."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--web",
            choices=["runserver", "gunicorn", "none"],
            default=None,
            help="runserver when DEBUG is on, gunicorn otherwise",
        )
        parser.add_argument("--tick", type=float, default=15.0, help="scheduler tick, seconds")

    def handle(self, *args, addrport, web, tick, **options):
        manage = [sys.executable, "-m", "gongzhi"]
        web = web or ("runserver" if settings.DEBUG else "gunicorn")
        commands = {
            "worker": [
                *manage,
                "db_worker",
                "--interval",
                "1",
                "--no-startup-delay",
                "--no-reload",
            ],
            "scheduler": [*manage, "scheduler", "--tick", str(tick)],
        }
        if web == "runserver":
            commands["web"] = [*manage, "runserver", "--noreload", addrport]
        elif web == "gunicorn":
            commands["web"] = [
                sys.executable, "-m", "gunicorn", "gongzhi.wsgi", "--bind", addrport,
                "--workers", os.environ.get("WEB_CONCURRENCY", "2"),
            ]  # fmt: skip
        children = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}
        for name, child in children.items():
            self.stdout.write(f"{name} started (pid {child.pid})")
        self.stdout.flush()

        stopping = []

        def stop(*_):
            stopping.append(True)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        failed = None
        while not stopping and failed is None:
            for name, child in children.items():
                if child.poll() is not None:
                    failed = name
                    break
            time.sleep(0.2)
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        if failed is not None:
            self.stderr.write(
                f"{failed} stopped (exit {children[failed].returncode}); stopping all"
            )
            sys.exit(1)
