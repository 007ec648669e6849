"""Over random event histories, the registry's KPIs equal a naive recomputation in Python from
the same histories (each rule read straight off docs/insights.md)."""

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.cases.choices import OPEN_STATES, Action, State
from gongzhi.insights.periods import Period
from gongzhi.insights.selectors import figures

from .conftest import History, local

MARCH = Period(2026, 3)
BASE = local(2026, 2, 20, 0)
HOUR = dt.timedelta(hours=1)

# One step of a case's life: (action, hours after the previous step, on time?).
step = st.tuples(
    st.sampled_from(["accept", "close", "rework", "rate", "escalate", "park"]),
    st.integers(min_value=1, max_value=400),
    st.booleans(),
)
case_spec = st.tuples(
    st.sampled_from(["grid1", "grid2"]),
    st.integers(min_value=0, max_value=60 * 24),  # hours after BASE it was reported
    st.integers(min_value=1, max_value=300),  # hours to the first deadline
    st.lists(step, max_size=6),
)


def _build(tree, history, specs):
    """Write the histories and return, per case, the list of (time, kind, payload) facts."""
    facts = []
    for grid, reported, due, steps in specs:
        t = BASE + reported * HOUR
        deadline = t + due * HOUR
        case = history.case(tree[grid], t, deadline=deadline)
        life = {"grid": grid, "reported": t, "moves": [(t, State.REPORTED, deadline)], "ev": []}
        state, closes, rated = State.REPORTED, 0, 0
        for kind, gap, flag in steps:
            t += gap * HOUR
            if kind == "accept" and state == State.REPORTED:
                deadline = t + due * HOUR
                history.event(case, Action.ACCEPT, t, to_state=State.ACCEPTED, deadline=deadline)
                state = State.ACCEPTED
            elif kind == "close" and state != State.CLOSED:
                history.close(case, t, on_time=flag)
                state, closes = State.CLOSED, closes + 1
                deadline = None
            elif kind == "rework" and state == State.CLOSED:
                deadline = t + due * HOUR
                history.event(case, Action.REOPEN, t, to_state=State.REWORK, deadline=deadline)
                state = State.REWORK
            elif kind == "park" and state in (State.REPORTED, State.ACCEPTED):
                history.event(case, Action.PARK, t, to_state=State.PARKED)
                state, deadline = State.PARKED, None
            elif kind == "rate" and state == State.CLOSED and rated < closes:
                history.rate(case, t, contacted=flag, solved=not flag, satisfied=flag, seq=closes)
                rated = closes
                life["ev"].append((t, "rate", (flag, not flag, flag)))
                continue
            elif kind == "escalate" and state in OPEN_STATES:
                history.escalate(case, t, level=len(life["ev"]) + 1)
                life["ev"].append((t, "escalate", None))
                continue
            else:
                continue
            life["moves"].append((t, state, deadline))
            life["ev"].append((t, kind, flag))
        facts.append(life)
    return facts


def _naive(facts, grids, period):
    start, end, moment = period.start, period.end, period.end
    mine = [f for f in facts if f["grid"] in grids]
    in_month = lambda t: start <= t < end  # noqa: E731
    received = sum(1 for f in mine if in_month(f["reported"]))
    accepted = sum(1 for f in mine if any(k == "accept" and in_month(t) for t, k, _ in f["ev"]))
    closed = on_time = reworked = 0
    for f in mine:
        closings = [(t, ok) for t, k, ok in f["ev"] if k == "close" and in_month(t)]
        if not closings:
            continue
        closed += 1
        on_time += any(ok for _, ok in closings)
        reworks = [t for t, k, _ in f["ev"] if k == "rework"]
        reworked += any(any(r < t for r in reworks) for t, _ in closings)
    ratings = [p for f in mine for t, k, p in f["ev"] if k == "rate" and in_month(t)]
    escalated = sum(1 for f in mine if any(k == "escalate" and in_month(t) for t, k, _ in f["ev"]))
    overdue = 0
    for f in mine:
        before = [m for m in f["moves"] if m[0] <= moment]
        if before:
            _, state, deadline = before[-1]
            overdue += state in OPEN_STATES and deadline is not None and deadline < moment

    def rate(part, whole):
        return round(part / whole, 4) if whole else None

    return {
        "cases_received": received,
        "cases_accepted": accepted,
        "cases_closed": closed,
        "closed_on_time_rate": rate(on_time, closed),
        "rework_rate": rate(reworked, closed),
        "contact_rate": rate(sum(p[0] for p in ratings), len(ratings)),
        "resolution_rate": rate(sum(p[1] for p in ratings), len(ratings)),
        "satisfaction_rate": rate(sum(p[2] for p in ratings), len(ratings)),
        "overdue_open": overdue,
        "escalations": escalated,
    }


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(case_spec, max_size=8))
def test_case_kpis_equal_a_naive_recomputation(small_tree, categories, specs):
    with transaction.atomic():
        facts = _build(small_tree, History(categories["lift"]), specs)
        for node, grids in [("community", {"grid1", "grid2"}), ("grid1", {"grid1"})]:
            for period in (Period(2026, 2), MARCH, Period(2026, 4)):
                got = figures(small_tree[node], period, now=local(2026, 12, 1)).values()
                want = _naive(facts, grids, period)
                assert {k: got[k] for k in want} == want, (node, period)
        by_child = figures(small_tree["community"], [Period(2026, 2), MARCH], group="child")
        for period in (Period(2026, 2), MARCH):
            total = by_child.value("cases_closed", period)
            assert total == _naive(facts, {"grid1", "grid2"}, period)["cases_closed"]
        transaction.set_rollback(True)
