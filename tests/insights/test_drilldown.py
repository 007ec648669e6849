"""Every figure's records: their number (or sum, or ratio) is the figure."""

import datetime as dt
from decimal import Decimal

from gongzhi.cases.choices import Action, State
from gongzhi.insights.drilldown import rows
from gongzhi.insights.periods import Period
from gongzhi.insights.registry import COUNT, RATE, kpis
from gongzhi.insights.selectors import figures, records

from .conftest import local

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


def test_every_kpi_lists_the_records_it_counts(small_tree, history, categories):
    grid = small_tree["grid1"]
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
    assert figures(grid, MARCH).value("closed_on_time_rate") == round(2 / 3, 4)
    assert dt.date(2026, 3, 1) < dt.date(2026, 4, 1)
