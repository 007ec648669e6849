"""The escalation sweep: overdue steps go up the tree; running it twice notifies once."""

import datetime as dt

from django.core import mail
from django.core.management import call_command

from gongzhi.cases.choices import State, Step
from gongzhi.cases.models import CaseEvent, Notification, Supervision
from gongzhi.cases.services import escalate_overdue

from .helpers import drive


def test_overdue_step_escalates_to_the_community_once(
    world, report, django_capture_on_commit_callbacks
):
    case = report()
    now = case.step_deadline_at + dt.timedelta(minutes=1)
    assert escalate_overdue(now=case.step_deadline_at - dt.timedelta(minutes=1)) == []
    with django_capture_on_commit_callbacks(execute=True):
        created = escalate_overdue(now=now)
    assert [(s.case, s.step, s.level, s.node) for s in created] == [
        (case, Step.ACCEPT, 1, world["community"])
    ]
    users = world["users"]
    notified = set(Notification.objects.filter(verb="case_overdue").values_list("user", flat=True))
    assert notified == {users["supervisor"].pk, users["staff"].pk}
    assert sorted(m.to[0] for m in mail.outbox) == ["staff@example.org", "supervisor@example.org"]
    # Twice: nothing new, nobody notified again.
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_overdue(now=now) == []
    assert Supervision.objects.count() == 1
    assert Notification.objects.filter(verb="case_overdue").count() == 2
    assert len(mail.outbox) == 2
    assert CaseEvent.objects.filter(case=case, action="supervise", public=False).count() == 1


def test_long_overdue_goes_up_to_the_street(world, report):
    case = report()
    escalate_overdue(now=case.step_deadline_at + dt.timedelta(minutes=1))
    much_later = case.step_deadline_at + dt.timedelta(days=30)
    created = escalate_overdue(now=much_later)
    assert [(s.level, s.node) for s in created] == [(2, world["street"])]
    street_user = world["users"]["street_supervisor"]
    assert Notification.objects.filter(user=street_user, verb="case_overdue").count() == 1
    assert escalate_overdue(now=much_later + dt.timedelta(days=30)) == []


def test_each_new_step_is_escalated_on_its_own(world, report):
    case = report()
    escalate_overdue(now=case.step_deadline_at + dt.timedelta(minutes=1))
    case = drive(world, case, State.ACCEPTED)  # the dispatch step: a new clock
    created = escalate_overdue(now=case.step_deadline_at + dt.timedelta(minutes=1))
    assert [(s.step, s.level) for s in created] == [(Step.DISPATCH, 1)]


def test_a_step_finished_late_marks_the_case_overdue(world, report, monkeypatch):
    from django.utils import timezone

    case = report()
    assert case.was_overdue is False
    late = case.step_deadline_at + dt.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: late)
    case = drive(world, case, State.ACCEPTED)
    assert case.was_overdue is True


def test_closed_and_on_time_cases_are_left_alone(world, report):
    case = drive(world, report(), State.CLOSED)
    assert escalate_overdue(now=case.reported_at + dt.timedelta(days=365)) == []


def test_command_runs_the_sweep(world, report, capsys):
    report()
    call_command("escalate_overdue")
    call_command("escalate_overdue")
    assert Supervision.objects.count() == 0  # nothing is overdue right after reporting
