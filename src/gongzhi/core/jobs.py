"""Scheduled background jobs: what runs by itself on a fresh install.

Apps register their periodic work from ``AppConfig.ready()``::

    register_job("cases.escalate_overdue", escalate, every=timedelta(minutes=5),
                 description=_("Escalate overdue case steps"))

``func()`` takes no arguments, must be idempotent (safe to run twice, and twice at once) and
returns a short summary of what it did. The scheduler (``gongzhi scheduler``) enqueues each
job on the task queue when it is due; the task worker (``gongzhi db_worker``) runs it through
``run_job``, which holds a lease so that one job never runs twice at the same time, and
records the outcome in ``JobState`` for the admin. ``gongzhi serve`` starts the web server,
the worker and the scheduler together.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

# How long a run may hold its lease before another worker may take the job over.
LEASE = dt.timedelta(minutes=30)


@dataclass(frozen=True)
class Job:
    name: str
    func: Callable[[], str]
    every: dt.timedelta
    description: str


_REGISTRY: dict[str, Job] = {}


def register_job(name: str, func: Callable[[], str], *, every: dt.timedelta, description) -> None:
    """Make ``func`` run every ``every``; registering the same name again replaces it."""
    _REGISTRY[name] = Job(name=name, func=func, every=every, description=str(description))


def registered_jobs() -> list[Job]:
    return sorted(_REGISTRY.values(), key=lambda job: job.name)


def job_interval(job: Job) -> dt.timedelta:
    """``GONGZHI_JOB_INTERVAL_SECONDS`` shortens every interval (tests, demonstrations)."""
    override = os.environ.get("GONGZHI_JOB_INTERVAL_SECONDS")
    if override:
        return dt.timedelta(seconds=max(1, int(override)))
    return job.every


def claim_due(now: dt.datetime | None = None) -> list[str]:
    """The names of the jobs due now, each claimed for its next interval: a second scheduler
    calling this at the same moment gets none of them."""
    from gongzhi.core.models import JobState

    now = now or timezone.now()
    claimed = []
    for job in registered_jobs():
        JobState.objects.get_or_create(name=job.name)
        won = (
            JobState.objects.filter(name=job.name)
            .filter(Q(next_due_at__isnull=True) | Q(next_due_at__lte=now))
            .update(next_due_at=now + job_interval(job))
        )
        if won:
            claimed.append(job.name)
    return claimed


def run_job(name: str, *, now: dt.datetime | None = None) -> str | None:
    """Run one registered job under its lease; its summary, or None when it is unknown or
    already running elsewhere. A failure is recorded and re-raised."""
    from gongzhi.core.models import JobState

    job = _REGISTRY.get(name)
    if job is None:
        logger.warning("unknown background job %s", name)
        return None
    now = now or timezone.now()
    JobState.objects.get_or_create(name=name)
    leased = (
        JobState.objects.filter(name=name)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + LEASE, last_started_at=now)
    )
    if not leased:
        return None
    ok, summary = False, ""
    try:
        summary = str(job.func() or "")[:500]
        ok = True
        return summary
    except Exception as exc:
        summary = f"{type(exc).__name__}: {exc}"[:500]
        logger.exception("background job %s failed", name)
        raise
    finally:
        state = JobState.objects.get(name=name)
        state.lease_until = None
        state.last_finished_at = timezone.now()
        state.last_ok = ok
        state.last_summary = summary
        state.runs += 1
        state.save(
            update_fields=["lease_until", "last_finished_at", "last_ok", "last_summary", "runs"]
        )
