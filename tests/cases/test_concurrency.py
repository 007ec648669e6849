"""Two people acting on one case at once: one wins, the other gets a clear conflict."""

import threading

import pytest
from django.db import connection

from gongzhi.cases.choices import Channel, State
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.models import Case, CaseEvent
from gongzhi.cases.services import case_accept, case_report, case_verify
from gongzhi.core.models import AuditEntry

from .conftest import GRID1_POINT
from .helpers import drive


def _race(*calls):
    """Run the calls in threads started together; return their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            results[i] = call()
        except Exception as exc:  # collected and asserted on by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return results


@pytest.mark.django_db(transaction=True)
def test_verify_pass_and_fail_at_once_one_wins(world, report):
    worker, staff = world["users"]["grid_worker"], world["users"]["staff"]
    for _round in range(3):
        case = drive(world, report(), State.RESOLVED)
        before = case.version
        results = _race(
            lambda c=case: case_verify(case=c, actor=worker, passed=True),
            lambda c=case: case_verify(case=c, actor=staff, passed=False, note="没修好"),
        )
        winners = [r for r in results if isinstance(r, Case)]
        losers = [r for r in results if isinstance(r, CaseConflict)]
        assert len(winners) == 1 and len(losers) == 1, results
        fresh = Case.objects.get(pk=case.pk)
        assert fresh.state == winners[0].state
        assert fresh.version == before + 1
        assert (fresh.close_count, fresh.rework_count) in {(1, 0), (0, 1)}
        # Exactly one verification recorded, in the timeline and in the audit log.
        verdicts = CaseEvent.objects.filter(case=case, action__in=["verify_pass", "verify_fail"])
        assert verdicts.count() == 1
        # Plus the on-site verification's own entry: the winner's only.
        entries = AuditEntry.objects.for_object(case)
        assert entries.filter(action="cases.case.verified_on_site").count() == 1
        assert (
            entries.exclude(action="cases.case.verified_on_site").count()
            == CaseEvent.objects.filter(case=case).count()
        )
        assert case.reference in losers[0].message


@pytest.mark.django_db(transaction=True)
def test_two_accepts_at_once_one_conflicts(world, report):
    case = report()
    results = _race(
        lambda: case_accept(case=case, actor=world["users"]["dispatcher"]),
        lambda: case_accept(case=case, actor=world["users"]["staff"]),
    )
    assert sorted(type(r).__name__ for r in results) == ["Case", "CaseConflict"]
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_create_one_case(world):
    def submit():
        return case_report(
            category=world["noise"],
            description="广场舞音响太响",
            channel=Channel.WEB,
            actor=world["users"]["resident"],
            idempotency_key="retry-key-7",
            **GRID1_POINT,
        )

    results = _race(submit, submit, submit)
    assert all(isinstance(r, Case) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Case.objects.count() == 1
    assert sum(not r.is_replay for r in results) == 1
