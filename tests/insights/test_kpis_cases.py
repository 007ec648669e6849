"""Each case KPI's definition on hand-made data."""

from gongzhi.cases.choices import Action, State
from gongzhi.insights.periods import Period
from gongzhi.insights.selectors import figures

from .conftest import local

MARCH = Period(2026, 3)


def test_cases_received_counts_reports_in_the_month_and_subtree(small_tree, history):
    history.case(small_tree["grid1"], local(2026, 3, 1, 0, 5))
    history.case(small_tree["grid2"], local(2026, 3, 31, 23, 50))
    history.case(small_tree["grid1"], local(2026, 2, 28, 23, 59))  # February
    history.case(small_tree["grid1"], local(2026, 4, 1, 0, 0))  # April
    assert figures(small_tree["community"], MARCH).value("cases_received") == 2
    assert figures(small_tree["grid1"], MARCH).value("cases_received") == 1


def test_month_boundaries_are_shanghai_time(small_tree, history):
    # 2026-03-31 23:30 in Shanghai is 15:30 UTC on the 31st; 2026-04-01 00:30 is still March 31 UTC.
    history.case(small_tree["grid1"], local(2026, 4, 1, 0, 30))
    assert figures(small_tree["community"], MARCH).value("cases_received") == 0
    assert figures(small_tree["community"], Period(2026, 4)).value("cases_received") == 1


def test_cases_accepted_and_closed_count_events_once_per_case(small_tree, history):
    case = history.case(small_tree["grid1"], local(2026, 2, 20))
    history.event(case, Action.ACCEPT, local(2026, 3, 2), to_state=State.ACCEPTED)
    history.close(case, local(2026, 3, 5))
    history.event(case, Action.REOPEN, local(2026, 3, 6), to_state=State.REWORK)
    history.close(case, local(2026, 3, 9))
    f = figures(small_tree["community"], MARCH)
    assert f.value("cases_accepted") == 1
    assert f.value("cases_closed") == 1


def test_closed_on_time_rate_reads_the_closing_event(small_tree, history):
    grid = small_tree["grid1"]
    for on_time in (True, True, False, True):
        history.close(history.case(grid, local(2026, 3, 1)), local(2026, 3, 10), on_time=on_time)
    assert figures(grid, MARCH).value("closed_on_time_rate") == 0.75


def test_rework_rate_counts_rework_before_the_closing(small_tree, history):
    grid = small_tree["grid1"]
    reworked = history.case(grid, local(2026, 3, 1))
    history.event(reworked, Action.VERIFY_FAIL, local(2026, 3, 3), to_state=State.REWORK)
    history.close(reworked, local(2026, 3, 8))
    plain = history.case(grid, local(2026, 3, 1))
    history.close(plain, local(2026, 3, 8))
    history.event(plain, Action.REOPEN, local(2026, 3, 20), to_state=State.REWORK)  # after
    assert figures(grid, MARCH).value("rework_rate") == 0.5


def test_rates_are_none_without_a_denominator(small_tree, history):
    history.case(small_tree["grid1"], local(2026, 3, 1))
    f = figures(small_tree["community"], MARCH)
    for code in ("closed_on_time_rate", "rework_rate", "contact_rate", "satisfaction_rate"):
        assert f.value(code) is None
    assert f.value("cases_closed") == 0


def test_three_rates_are_shares_of_ratings_given_in_the_month(small_tree, history):
    grid = small_tree["grid1"]
    answers = [(True, True, True), (True, False, False), (False, False, True), (True, True, True)]
    for contacted, solved, satisfied in answers:
        case = history.case(grid, local(2026, 2, 1))
        history.rate(
            case, local(2026, 3, 4), contacted=contacted, solved=solved, satisfied=satisfied
        )
    history.rate(history.case(grid, local(2026, 2, 1)), local(2026, 4, 1), contacted=False)
    f = figures(grid, MARCH)
    assert f.value("contact_rate") == 0.75
    assert f.value("resolution_rate") == 0.5
    assert f.value("satisfaction_rate") == 0.75


def test_overdue_open_is_the_state_at_the_end_of_the_month(small_tree, history):
    grid = small_tree["grid1"]
    late = history.case(grid, local(2026, 3, 1), deadline=local(2026, 3, 2))
    history.case(grid, local(2026, 3, 1), deadline=local(2026, 4, 9))  # not yet due
    closed = history.case(grid, local(2026, 3, 1), deadline=local(2026, 3, 2))
    history.close(closed, local(2026, 3, 20))
    fixed_later = history.case(grid, local(2026, 3, 1), deadline=local(2026, 3, 2))
    history.close(fixed_later, local(2026, 4, 3))  # still open and late on March 31
    assert figures(grid, MARCH).value("overdue_open") == 2
    assert {c.pk for c in records_of("overdue_open", grid)} == {late.pk, fixed_later.pk}


def test_escalations_count_cases_escalated_in_the_month(small_tree, history):
    grid = small_tree["grid1"]
    case = history.case(grid, local(2026, 3, 1))
    history.escalate(case, local(2026, 3, 3), level=1)
    history.escalate(case, local(2026, 3, 5), level=2)
    history.escalate(history.case(grid, local(2026, 3, 1)), local(2026, 4, 2))
    assert figures(grid, MARCH).value("escalations") == 1


def test_force_and_category_filters_narrow_case_kpis(small_tree, history, categories):
    grid = small_tree["grid1"]
    history.case(grid, local(2026, 3, 1))
    history.case(grid, local(2026, 3, 1), category=categories["noise"])
    f = figures(grid, MARCH, filters={"category": "property"})
    assert f.value("cases_received") == 1
    assert "volunteer_hours" not in f.codes
    assert figures(grid, MARCH, filters={"force": "residents"}).value("cases_received") == 1


def records_of(code, node, period=MARCH, part=None):
    from gongzhi.insights.registry import get_kpi
    from gongzhi.insights.selectors import records

    return list(records(get_kpi(code), node, period, part=part))
