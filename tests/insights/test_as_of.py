"""A past month's figures do not move when its records move on later."""

from gongzhi.cases import services as s
from gongzhi.insights.periods import Period
from gongzhi.insights.selectors import figures

from .conftest import frozen_at, local

MARCH = Period(2026, 3)


def _close(world, case, when):
    users = world["users"]
    steps = [
        (lambda c: s.case_accept(case=c, actor=users["dispatcher"]), 0),
        (lambda c: s.case_dispatch(case=c, actor=users["dispatcher"]), 1),
        (lambda c: s.case_start_handling(case=c, actor=users["handler"]), 2),
        (lambda c: s.case_resolve(case=c, actor=users["handler"], note="已修好"), 3),
        (lambda c: s.case_verify(case=c, actor=users["grid_worker"], passed=True), 4),
    ]
    for step, minutes in steps:
        with frozen_at(when.replace(minute=minutes)):
            case = step(case)
    return case


def test_closed_in_march_reopened_in_april_still_counts_as_closed_in_march(world, report):
    with frozen_at(local(2026, 3, 10, 9)):
        case = report()
    case = _close(world, case, local(2026, 3, 10, 10))
    before = figures(world["community"], MARCH, now=local(2026, 4, 1, 8)).values()
    assert before["cases_closed"] == 1 and before["closed_on_time_rate"] == 1.0
    assert before["rework_rate"] == 0.0

    with frozen_at(local(2026, 4, 3, 9)):
        case = s.case_reopen(case=case, actor=world["users"]["staff"], reason="居民反映又坏了")
    after = figures(world["community"], MARCH, now=local(2026, 4, 5)).values()
    assert after == before
    april = figures(world["community"], Period(2026, 4), now=local(2026, 4, 5)).values()
    assert april["cases_closed"] == 0 and april["overdue_open"] == 0


def test_overdue_at_the_end_of_march_survives_a_fix_in_april(world, report):
    with frozen_at(local(2026, 3, 2, 9)):
        case = report()
    # The acceptance step (2 working hours) runs late all month.
    march = figures(world["grid1"], MARCH, now=local(2026, 4, 1, 8)).value("overdue_open")
    assert march == 1
    _close(world, case, local(2026, 4, 2, 10))
    assert figures(world["grid1"], MARCH, now=local(2026, 4, 3)).value("overdue_open") == 1
    closed = figures(world["grid1"], Period(2026, 4), now=local(2026, 4, 3))
    assert closed.value("closed_on_time_rate") == 0.0  # the late acceptance made it late
