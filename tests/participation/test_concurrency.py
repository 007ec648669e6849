"""Attendance scanned twice at once, and support given twice at once, count once (SQLite and
PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from gongzhi.org.roles import Role
from gongzhi.org.services import person_create, role_assign
from gongzhi.participation import codes
from gongzhi.participation import services as svc
from gongzhi.participation.models import CouncilAttendance, DemandSupport
from gongzhi.points.choices import Reason
from gongzhi.points.models import Transaction
from gongzhi.points.services import rule_set

THREADS = 6


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            barrier.wait(timeout=30)
            results.append(job())
        except Exception as exc:  # noqa: BLE001 -- collected and checked by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return results, errors


@pytest.fixture
def scene(small_tree, make_user):
    staff = make_user("c-staff")
    role_assign(user=staff, role=Role.STAFF, node=small_tree["community"])
    rule_set(
        community=small_tree["community"], reason=Reason.COUNCIL_ATTENDANCE, points_per_unit=10
    )
    council = svc.council_create(
        node=small_tree["grid1"],
        title="并发议事会",
        starts_at=timezone.now() - timedelta(minutes=5),
        place="议事厅",
        actor=staff,
    )
    resident = person_create(node=small_tree["b1"], name="扫码人", user=make_user("c-res"))
    return council, resident, staff


@pytest.mark.django_db(transaction=True)
def test_attendance_scanned_at_once_counts_once_and_pays_once(scene):
    council, resident, _staff = scene
    token = codes.qr_token(council.pk)
    jobs = [
        lambda: svc.attendance_by_qr(token=token, person=resident, actor=resident.user)
        for _ in range(THREADS)
    ]
    results, errors = run_together(jobs)
    assert not errors
    assert CouncilAttendance.objects.filter(council=council, person=resident).count() == 1
    assert sum(1 for _att, created in results if created) == 1
    awards = Transaction.objects.filter(
        reason="council_attendance", entries__account__person=resident
    )
    assert awards.count() == 1


@pytest.mark.django_db(transaction=True)
def test_support_given_twice_at_once_counts_once(scene, small_tree, make_user):
    council, resident, staff = scene
    demand = svc.demand_raise(
        title="休闲座椅", text_="想要座椅", node=small_tree["grid1"], actor=staff
    )
    jobs = [lambda: svc.demand_support(demand=demand, actor=resident.user) for _ in range(THREADS)]
    results, errors = run_together(jobs)
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, ValidationError) for e in errors)
    demand.refresh_from_db()
    assert demand.support_count == 1 == DemandSupport.objects.filter(demand=demand).count()
