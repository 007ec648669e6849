"""The server killed with SIGKILL in the middle of a load and started again: every report that
got a 2xx is there, once; clients that got no answer retry with the same key."""

import os
import time

import pytest

from gongzhi.cases.models import Case
from tests.reliability.checks import assert_every_acknowledged_report_is_there_once
from tests.reliability.load import Load


def _run(server_factory, key, clients, reports, kill_after, seconds):
    server = server_factory()
    load = Load(server.base, key, clients=clients, reports=reports, seconds=seconds)
    load.start()
    deadline = time.monotonic() + seconds / 2
    while load.acknowledged_count() < kill_after and time.monotonic() < deadline:
        time.sleep(0.05)
    assert load.acknowledged_count() >= kill_after
    server.kill()
    time.sleep(1)  # clients meet a dead port for a while
    server.start()  # the same port: the clients' retries reach it
    outcome = load.join()
    assert outcome.errors == [], outcome.errors[:5]
    assert outcome.unanswered > 0  # the kill really happened under load
    assert len(outcome.acknowledged) == clients * reports
    assert_every_acknowledged_report_is_there_once(outcome)
    assert Case.objects.count() == clients * reports


@pytest.mark.django_db(transaction=True)
def test_sigkill_under_load_loses_no_acknowledged_report(server_factory, reporting_key):
    _run(server_factory, reporting_key, clients=6, reports=20, kill_after=40, seconds=240)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_sigkill_under_full_load(server_factory, reporting_key):
    # 20 × 50 by default; GONGZHI_KILL_REPORTS=100 for the full variant.
    reports = int(os.environ.get("GONGZHI_KILL_REPORTS", "50"))
    _run(
        server_factory,
        reporting_key,
        clients=20,
        reports=reports,
        kill_after=20 * reports * 2 // 5,  # killed when two reports in five are in
        seconds=900,
    )
