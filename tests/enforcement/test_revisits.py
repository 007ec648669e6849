"""Revisits (回头看): the schedule, the ledger columns, and a relapse opening a linked record."""

import datetime as dt

from django.utils import timezone

from gongzhi.cases.choices import LinkReason
from gongzhi.enforcement.choices import FoundBy, RecordState, RevisitOutcome
from gongzhi.enforcement.selectors.campaign import revisits_due
from tests.enforcement.helpers import DEMOLISHED_AGO, drive, revisit


def test_demolition_schedules_revisits_at_30_and_90_days(world, open_structure):
    record = drive(open_structure(), RecordState.DEMOLISHED, world["users"]["officer"])
    demolished = timezone.localdate() - dt.timedelta(days=DEMOLISHED_AGO)
    assert [r.due_on for r in record.revisits.order_by("seq")] == [
        demolished + dt.timedelta(days=30),
        demolished + dt.timedelta(days=90),
    ]
    assert record.step_deadline_at.date() == demolished + dt.timedelta(days=31)


def test_revisit_intervals_are_configurable(world, open_structure):
    world["authority"].revisit_days = [7, 60, 180]
    world["authority"].save()
    record = drive(open_structure(), RecordState.DEMOLISHED, world["users"]["officer"])
    assert record.revisits.count() == 3


def test_holding_revisits_roll_into_the_ledger_and_close_the_record(world, open_structure):
    worker = world["users"]["grid_worker"]
    record = drive(open_structure(), RecordState.DEMOLISHED, world["users"]["officer"])
    revisit(record, worker)
    record.refresh_from_db()
    assert record.state == RecordState.DEMOLISHED
    assert record.last_revisit_on == timezone.localdate()
    assert record.last_revisit_outcome == RevisitOutcome.HOLDS
    revisit(record, worker)
    record.refresh_from_db()
    assert record.state == RecordState.CLOSED
    assert record.step_deadline_at is None
    assert record.photos.filter(stage="revisit").count() == 2


def test_relapse_opens_a_linked_record_and_a_linked_case(world, patrol_structure):
    worker = world["users"]["grid_worker"]
    record = drive(patrol_structure(), RecordState.DEMOLISHED, world["users"]["officer"])
    assert record.case is not None
    done = revisit(record, worker, relapsed=True)
    record.refresh_from_db()
    assert record.state == RecordState.RELAPSED
    assert record.last_revisit_outcome == RevisitOutcome.RELAPSED
    new = done.relapse_record
    assert new.relapse_of == record
    assert new.state == RecordState.FOUND
    assert new.found_by == FoundBy.PATROL
    assert (new.address, new.party_name, new.node) == (
        record.address,
        record.party_name,
        record.node,
    )
    assert new.case is not None and new.case.pk != record.case.pk
    assert new.case.linked_from == record.case
    assert new.case.link_reason == LinkReason.RELAPSE
    assert new.step_deadline_at is not None


def test_relapse_of_an_imported_record_without_case_opens_a_case(world, open_structure):
    record = drive(open_structure(), RecordState.DEMOLISHED, world["users"]["officer"])
    type(record).objects.filter(pk=record.pk).update(case=None)
    record.refresh_from_db()
    new = revisit(record, world["users"]["grid_worker"], relapsed=True).relapse_record
    assert new.case is not None
    assert new.case.category.code == "construction-illegal-building"
    assert new.case.channel == "patrol"


def test_campaign_lists_due_revisits_of_demolished_records_only(world, open_structure):
    officer = world["users"]["officer"]
    worker = world["users"]["grid_worker"]
    record = drive(open_structure(), RecordState.DEMOLISHED, officer)
    far = timezone.localdate() + dt.timedelta(days=200)
    assert revisits_due(worker, today=far).count() == 2
    assert revisits_due(worker).count() == 0  # the first is due in 25 days
    assert revisits_due(worker, within_days=30).count() == 1
    assert revisits_due(world["users"]["other_grid_worker"], today=far).count() == 0
    revisit(record, worker, relapsed=True)
    assert revisits_due(worker, today=far).count() == 0
