"""Every figure's records: their number (or sum, or ratio) is the figure."""

import datetime as dt
from decimal import Decimal

from gongzhi.cases.choices import Action, State
from gongzhi.insights.drilldown import rows
from gongzhi.insights.periods import Period
from gongzhi.insights.registry import COUNT, RATE, kpis
from gongzhi.insights.selectors import figures, records

from .conftest import local
from .test_kpis_other import activity, ledger  # noqa: F401

MARCH = Period(2026, 3)


def _figure_from_records(kpi, node):
    if kpi.kind == RATE:
        num = len(rows(kpi, records(kpi, node, MARCH, part="num")))
        den = len(rows(kpi, records(kpi, node, MARCH, part="den")))
        rest = len(rows(kpi, records(kpi, node, MARCH, part="rest")))
        assert num + rest == den
        return round(num / den, 4) if den else None
    listed = rows(kpi, records(kpi, node, MARCH))
    if kpi.kind == COUNT:
        return len(listed)
    return round(sum(Decimal(str(r["amount"] or 0)) for r in listed), 2)


def test_every_kpi_lists_the_records_it_counts(small_tree, history, categories, ledger, activity):  # noqa: F811
    grid = small_tree["grid1"]
    _other_records(small_tree, ledger, activity)
    for day, on_time in [(3, True), (9, False), (12, True)]:
        case = history.case(grid, local(2026, 3, day), deadline=local(2026, 3, day + 1))
        history.event(case, Action.ACCEPT, local(2026, 3, day, 11), to_state=State.ACCEPTED)
        if day == 9:
            history.event(case, Action.VERIFY_FAIL, local(2026, 3, 10), to_state=State.REWORK)
        history.close(case, local(2026, 3, day + 5), on_time=on_time)
        history.rate(case, local(2026, 3, day + 6), satisfied=on_time)
    late = history.case(small_tree["grid2"], local(2026, 3, 20), deadline=local(2026, 3, 21))
    history.escalate(late, local(2026, 3, 22))
    for node in (small_tree["community"], grid, small_tree["grid2"]):
        f = figures(node, MARCH)
        for kpi in kpis():
            expected = f.value(kpi.code)
            got = _figure_from_records(kpi, node)
            if kpi.kind != COUNT and expected in (0, 0.0):
                expected = 0
                got = got or 0
            assert got == expected, (kpi.code, node.code)
    f = figures(grid, MARCH)
    assert f.value("closed_on_time_rate") == round(2 / 3, 4)
    assert f.value("structures_found") == 2 and f.value("volunteer_hours") == 3.5
    assert f.value("points_awarded") == 30 and f.value("points_redeemed") == 10


def _other_records(tree, ledger, activity):  # noqa: F811
    from gongzhi.enforcement.choices import DocumentKind
    from gongzhi.org.models import Person
    from gongzhi.points.choices import AccountKind, TransactionKind
    from gongzhi.points.models import Account, Entry, Transaction
    from gongzhi.volunteering.models import Attendance

    structure, serve = ledger
    one = structure(local(2026, 3, 2), demolished_on=dt.date(2026, 3, 9), area=Decimal("8.5"))
    serve(one, DocumentKind.STOP_ORDER, dt.date(2026, 3, 2))
    serve(one, DocumentKind.DEMOLITION_ORDER, dt.date(2026, 3, 4))
    structure(local(2026, 3, 20))
    act = activity(tree["grid1"], local(2026, 3, 7))
    wang = Person.objects.create(name="王明", node=tree["b1"])
    Attendance.objects.create(
        activity=act,
        person=wang,
        check_in_at=act.starts_at,
        check_in_method="qr",
        hours=Decimal("3.5"),
    )
    mine = Account.objects.create(kind=AccountKind.PERSON, person=wang)
    other = Account.objects.create(kind=AccountKind.ISSUING, node=tree["community"])
    for i, (kind, amount) in enumerate(
        [(TransactionKind.AWARD, 30), (TransactionKind.REDEMPTION, -10)]
    ):
        tx = Transaction.objects.create(
            kind=kind, idempotency_key=f"d{i}", occurred_at=local(2026, 3, 8)
        )
        Entry.objects.create(transaction=tx, account=mine, amount=amount)
        Entry.objects.create(transaction=tx, account=other, amount=-amount)
