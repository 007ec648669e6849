"""Notifications in the site at once and by e-mail after the commit."""

from django.core import mail

from gongzhi.cases.choices import State
from gongzhi.cases.models import Notification
from gongzhi.cases.services import case_dispatch, notification_mark_read
from gongzhi.cases.services.notifications import notification_text

from .helpers import drive


def test_dispatch_tells_the_partys_handlers_and_the_reporter(
    world, report, django_capture_on_commit_callbacks
):
    case = drive(world, report(), State.ACCEPTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_dispatch(case=case, actor=world["users"]["dispatcher"])
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    users = world["users"]
    verbs = dict(Notification.objects.filter(case=case).values_list("user__username", "verb"))
    assert verbs["handler"] == "case_assigned"
    assert verbs["resident"] == "case_moved"
    assert {m.to[0] for m in mail.outbox} == {"handler@example.org", "resident@example.org"}
    assert all(case.reference in m.body for m in mail.outbox)
    assert notification_mark_read(user=users["handler"]) == 1


def test_closing_asks_the_reporter_for_a_rating(world, report):
    case = drive(world, report(), State.CLOSED)
    note = Notification.objects.filter(case=case, user=world["users"]["resident"]).latest("id")
    assert note.verb == "rating_requested"
    assert case.reference in notification_text(note.verb, note.data)


def test_anonymous_reporters_contact_email_gets_the_rating_request(
    world, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = report(actor=None, reporter_email="caller@example.org")
        drive(world, case, State.CLOSED)
    assert "caller@example.org" in {m.to[0] for m in mail.outbox}


def test_returned_case_tells_the_dispatchers(world, report):
    drive(world, report(), State.RETURNED)
    returned = Notification.objects.filter(verb="case_returned")
    assert set(returned.values_list("user__username", flat=True)) == {"staff", "dispatcher"}


def test_notes_by_reporter_handler_and_staff_not_strangers(world, report):
    import pytest
    from django.core.exceptions import PermissionDenied

    from gongzhi.cases.selectors import case_timeline, notifications_for, unread_count
    from gongzhi.cases.services import case_comment

    case = drive(world, report(), State.DISPATCHED)
    users = world["users"]
    case_comment(case=case, actor=users["resident"], text="晚上八点后家里有人", public=False)
    case_comment(case=case, actor=users["handler"], text="已联系电梯维保单位", public=True)
    with pytest.raises(PermissionDenied):
        case_comment(case=case, actor=users["stranger"], text="<script>x</script>")
    public_notes = [e.note for e in case_timeline(case, public_only=True) if e.action == "comment"]
    assert public_notes == ["已联系电梯维保单位"]
    assert unread_count(users["resident"]) == len(notifications_for(users["resident"]))
