"""Simultaneous sign-ups never exceed the places (run on SQLite and PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from gongzhi.org.services import person_create
from gongzhi.volunteering.choices import SignupState
from gongzhi.volunteering.models import Signup
from gongzhi.volunteering.services import (
    activity_create,
    activity_publish,
    signup_cancel,
    signup_create,
    team_create,
)

THREADS = 12
CAPACITY = 5


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            job()
        except Exception as exc:  # noqa: BLE001 -- collected and reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return errors


@pytest.fixture
def crowd(small_tree):
    team = team_create(node=small_tree["community"], name="并发服务队")
    now = timezone.now()
    activity = activity_publish(
        activity=activity_create(
            team=team,
            title="抢报名",
            location="花香书屋",
            starts_at=now + timedelta(hours=2),
            ends_at=now + timedelta(hours=3),
            capacity=CAPACITY,
            signup_opens_at=now - timedelta(hours=1),
            signup_closes_at=now + timedelta(hours=1),
        )
    )
    people = [person_create(node=small_tree["b1"], name=f"人{i}") for i in range(THREADS)]
    return activity, people


@pytest.mark.django_db(transaction=True)
def test_simultaneous_sign_ups_never_exceed_capacity(crowd):
    activity, people = crowd
    jobs = [lambda p=p: signup_create(activity=activity, person=p) for p in people]
    assert run_together(jobs) == []
    confirmed = Signup.objects.filter(activity=activity, state=SignupState.CONFIRMED).count()
    waiting = Signup.objects.filter(activity=activity, state=SignupState.WAITLISTED).count()
    assert (confirmed, waiting) == (CAPACITY, THREADS - CAPACITY)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancels_promote_each_waiting_person_once(crowd):
    activity, people = crowd
    signups = [signup_create(activity=activity, person=p) for p in people]
    confirmed = [s for s in signups if s.state == SignupState.CONFIRMED]
    jobs = [lambda s=s: signup_cancel(signup=s) for s in confirmed[:3]]
    assert run_together(jobs) == []
    rows = list(Signup.objects.filter(activity=activity).order_by("signed_up_at", "id"))
    assert sum(r.state == SignupState.CONFIRMED for r in rows) == CAPACITY
    promoted = [r.person_id for r in rows[CAPACITY:] if r.state == SignupState.CONFIRMED]
    assert promoted == [p.pk for p in people[CAPACITY : CAPACITY + 3]]
