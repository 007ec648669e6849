"""``gongzhi serve`` (what ``make run`` starts) runs the web server, the task worker and the
scheduler: an overdue case is escalated with no manual command."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest

from gongzhi.cases.models import Case, Supervision
from gongzhi.core.models import JobState
from tests.cases.conftest import categories, report, world  # noqa: F401
from tests.reliability.server import Server, free_port, request

WAIT = 120


@pytest.mark.django_db(transaction=True)
def test_serve_escalates_an_overdue_case_by_itself(report, tmp_path):  # noqa: F811
    case = report()
    Case.objects.filter(pk=case.pk).update(
        step_deadline_at=case.reported_at - dt.timedelta(hours=1)
    )
    port = free_port()
    env = Server(tmp_path)._env()
    env["GONGZHI_JOB_INTERVAL_SECONDS"] = "1"
    env.pop("TASKS_BACKEND")  # the real database queue, as in production
    log = open(tmp_path / "serve.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gongzhi", "serve", f"127.0.0.1:{port}", "--tick", "0.5"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + WAIT
        escalated = answered = False
        while time.monotonic() < deadline and not (escalated and answered):
            assert process.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            escalated = Supervision.objects.filter(case=case).exists()
            if not answered:
                try:
                    status, _ = request(f"http://127.0.0.1:{port}", "GET", "/", timeout=5)
                    answered = status in (200, 302)
                except OSError:
                    pass
            time.sleep(0.5)
        assert answered, "the web server did not answer"
        assert escalated, (tmp_path / "serve.log").read_text()[-3000:]
        state = JobState.objects.get(name="cases.escalate_overdue")
        assert state.last_ok is True and state.runs >= 1
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()
