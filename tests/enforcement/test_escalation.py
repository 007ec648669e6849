"""Overdue steps are escalated (督办) once, however often the sweep runs."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from gongzhi.cases.models import Notification
from gongzhi.core.models import AuditEntry
from gongzhi.enforcement.choices import RecordState
from gongzhi.enforcement.models import StructureSupervision
from gongzhi.enforcement.services import escalate_enforcement
from tests.enforcement.helpers import RUN, drive


def test_overdue_investigation_escalates_once(world, open_structure):
    # Found thirty days ago and never investigated: long past the same-day limit.
    record = open_structure()
    assert record.step_deadline_at < timezone.now()
    first = escalate_enforcement()
    second = escalate_enforcement()
    assert [s.record_id for s in first] == [record.pk]
    assert second == []
    supervision = StructureSupervision.objects.get(record=record)
    assert supervision.state == RecordState.FOUND
    assert supervision.node == world["street"]  # the street's supervisor is nearest
    notified = set(
        Notification.objects.filter(verb="enforcement_overdue").values_list(
            "user__username", flat=True
        )
    )
    assert notified == {"supervisor", "officer"}
    assert Notification.objects.filter(verb="enforcement_overdue").count() == 2
    assert AuditEntry.objects.filter(action="enforcement.structure.supervised").count() == 1


def test_the_command_is_idempotent(world, open_structure):
    open_structure()
    call_command("escalate_enforcement")
    call_command("escalate_enforcement")
    assert StructureSupervision.objects.count() == 1
    assert Notification.objects.filter(verb="enforcement_overdue").count() == 2


def test_a_new_overdue_step_escalates_again(world, open_structure):
    officer = world["users"]["officer"]
    record = open_structure()
    escalate_enforcement()
    record = RUN["investigate"](record, officer)
    assert record.was_overdue
    later = timezone.now() + dt.timedelta(days=30)
    escalate_enforcement(now=later)
    escalate_enforcement(now=later)
    assert list(
        StructureSupervision.objects.filter(record=record).values_list("state", flat=True)
    ) == [RecordState.INVESTIGATED, RecordState.FOUND]


def test_steps_on_time_and_finished_records_are_not_escalated(world, open_structure):
    officer = world["users"]["officer"]
    fresh = open_structure(found_at=timezone.now())
    done = drive(open_structure(address="另一处"), RecordState.DEMOLISHED, officer)
    RUN["revisit_last"](done, officer)
    created = escalate_enforcement(now=fresh.step_deadline_at - dt.timedelta(minutes=1))
    assert created == []


def test_the_notification_reads_as_a_sentence(world, open_structure):
    from gongzhi.cases.services.notifications import notification_text

    record = open_structure()
    escalate_enforcement()
    note = Notification.objects.filter(verb="enforcement_overdue").first()
    text = notification_text(note.verb, note.data)
    assert record.reference in text
    assert text != note.verb
