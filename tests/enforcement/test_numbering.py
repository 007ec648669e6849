"""Document numbers stay unique when officers issue at the same moment (SQLite and
PostgreSQL alike)."""

import threading

import pytest
from django.db import connection

from gongzhi.enforcement.choices import DocumentKind, RecordState
from gongzhi.enforcement.documents.pdf import render_pdf
from gongzhi.enforcement.models import EnforcementDocument, NumberCounter
from gongzhi.enforcement.services import document_issue
from tests.enforcement.helpers import days_ago, drive

THREADS = 6


def _race(calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            results[i] = call()
        except Exception as exc:  # collected and asserted on below
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_repeats_a_number(world, open_structure):
    officer = world["users"]["officer"]
    records = [
        drive(open_structure(address=f"{n}号"), RecordState.INVESTIGATED, officer)
        for n in range(THREADS)
    ]
    render_pdf  # noqa: B018 - the font is registered once, before the threads start
    from gongzhi.enforcement.documents.pdf import _styles

    _styles()
    results = _race(
        [
            lambda r=r: document_issue(
                record=r, kind=DocumentKind.STOP_ORDER, actor=officer, issued_on=days_ago(1)
            )
            for r in records
        ]
    )
    assert all(isinstance(r, EnforcementDocument) for r in results), results
    seqs = sorted(d.seq for d in EnforcementDocument.objects.all())
    assert seqs == list(range(1, THREADS + 1))
    assert len({d.number for d in EnforcementDocument.objects.all()}) == THREADS
    counter = NumberCounter.objects.get(sequence=DocumentKind.STOP_ORDER)
    assert counter.value == THREADS
