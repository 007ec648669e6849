"""N concurrent clients × M reports over real HTTP against gunicorn with 2 workers: no error,
every acknowledged report present exactly once, retries with the same key create nothing."""

import os

import pytest

from gongzhi.cases.models import Case
from tests.reliability.checks import assert_every_acknowledged_report_is_there_once
from tests.reliability.load import Load


def _run(server_factory, key, clients, reports, seconds):
    server = server_factory()
    outcome = Load(server.base, key, clients=clients, reports=reports, seconds=seconds)
    outcome.start()
    result = outcome.join()
    assert result.errors == [], result.errors[:5]
    assert result.unanswered == 0
    assert len(result.acknowledged) == clients * reports
    assert len(result.replays) == clients * len(range(0, reports, 5))
    assert_every_acknowledged_report_is_there_once(result)
    assert Case.objects.count() == clients * reports


@pytest.mark.django_db(transaction=True)
def test_concurrent_clients_lose_nothing(server_factory, reporting_key):
    _run(server_factory, reporting_key, clients=8, reports=25, seconds=240)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_twenty_clients_under_long_load(server_factory, reporting_key):
    # 20 × 150 by default, sized to CI's time; GONGZHI_LOAD_REPORTS=500 for the full 20 × 500.
    reports = int(os.environ.get("GONGZHI_LOAD_REPORTS", "150"))
    _run(server_factory, reporting_key, clients=20, reports=reports, seconds=1500)
