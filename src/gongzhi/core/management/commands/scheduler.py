"""gongzhi scheduler — enqueue each registered background job when it is due."""

import signal
import time

from django.core.management.base import BaseCommand

from gongzhi.core.jobs import claim_due


class Command(BaseCommand):
    help = (
        "Enqueue the registered background jobs (escalations, reminders, expiry, webhook "
        "retries…) on the task queue when they are due; the task worker runs them. Safe to "
        "run more than one: each job is claimed once per interval."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=15.0, help="seconds between looks")
        parser.add_argument("--once", action="store_true", help="look once and exit")

    def handle(self, *args, tick, once, **options):
        from gongzhi.core.tasks import run_scheduled_job

        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        while not stopping:
            for name in claim_due():
                run_scheduled_job.enqueue(name)
                self.stdout.write(f"enqueued {name}")
            self.stdout.flush()
            if once:
                break
            for _ in range(int(max(tick, 0.5) * 10)):
                if stopping:
                    break
                time.sleep(0.1)
