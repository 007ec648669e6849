"""Scheduled jobs: claimed once per interval, never run twice at once, outcome recorded."""

import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.core import jobs
from gongzhi.core.models import JobState


@pytest.fixture
def job(monkeypatch):
    calls = []
    monkeypatch.setattr(jobs, "_REGISTRY", {})

    def work():
        calls.append(1)
        return f"did {len(calls)}"

    jobs.register_job("test.work", work, every=dt.timedelta(minutes=5), description="work")
    return calls


def test_every_app_registers_its_background_work():
    names = {j.name for j in jobs.registered_jobs()}
    assert {
        "cases.escalate_overdue",
        "cases.remind_parked_reviews",
        "cases.remind_due_revisits",
        "enforcement.escalate",
        "points.expire",
        "points.release_uncollected_orders",
        "api.deliver_webhooks",
    } <= names


def test_a_due_job_is_claimed_once_per_interval(db, job, monkeypatch):
    monkeypatch.delenv("GONGZHI_JOB_INTERVAL_SECONDS", raising=False)
    now = timezone.now()
    assert jobs.claim_due(now) == ["test.work"]
    assert jobs.claim_due(now) == []  # a second scheduler at the same moment gets nothing
    assert jobs.claim_due(now + dt.timedelta(minutes=4)) == []
    assert jobs.claim_due(now + dt.timedelta(minutes=5)) == ["test.work"]


def test_run_records_the_outcome(db, job):
    assert jobs.run_job("test.work") == "did 1"
    state = JobState.objects.get(name="test.work")
    assert state.last_ok is True and state.last_summary == "did 1" and state.runs == 1
    assert state.lease_until is None and state.last_finished_at >= state.last_started_at


def test_a_job_already_running_is_not_started_again(db, job):
    now = timezone.now()
    JobState.objects.create(name="test.work", lease_until=now + dt.timedelta(minutes=1))
    assert jobs.run_job("test.work", now=now) is None
    assert job == []
    # A lease left behind by a crashed worker expires.
    assert jobs.run_job("test.work", now=now + dt.timedelta(minutes=2)) == "did 1"


def test_a_failing_job_is_recorded_and_raises(db, monkeypatch):
    monkeypatch.setattr(jobs, "_REGISTRY", {})

    def broken():
        raise RuntimeError("boom")

    jobs.register_job("test.broken", broken, every=dt.timedelta(hours=1), description="x")
    with pytest.raises(RuntimeError):
        jobs.run_job("test.broken")
    state = JobState.objects.get(name="test.broken")
    assert state.last_ok is False and "boom" in state.last_summary and state.lease_until is None


def test_unknown_job_does_nothing(db):
    assert jobs.run_job("no.such.job") is None
