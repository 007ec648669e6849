"""The clock on each step: green, yellow (≥ 80 % used), red."""

import datetime as dt

from gongzhi.cases.selectors import case_sla
from gongzhi.worktime import clock


def test_sla_colours_along_a_step(world, report):
    case = report()
    start, end = case.step_started_at, case.step_deadline_at
    assert case_sla(case, now=start) == "green"
    assert case_sla(case, now=end - dt.timedelta(seconds=1)) == "yellow"
    assert case_sla(case, now=end + dt.timedelta(seconds=1)) == "red"
    budget = clock.working_seconds_between(start, end)
    assert budget == 2 * 3600  # the category's 2 working hours
