"""Every step of the procedure, allowed and refused, by role and by state."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.core.models import AuditEntry
from gongzhi.enforcement.choices import Action, RecordState
from gongzhi.enforcement.errors import ProcedureConflict
from gongzhi.enforcement.models import EnforcementDocument
from gongzhi.enforcement.procedure import TRANSITIONS, allowed_from
from tests.enforcement.helpers import RUN, drive

ALLOWED = [
    (state, action)
    for state in RecordState.values
    for action in allowed_from(state)
    if state not in {RecordState.CLOSED, RecordState.RELAPSED, RecordState.DISMISSED}
]
REVISIT_ACTIONS = {Action.REVISIT, Action.REVISIT_LAST, Action.RELAPSE}
# States reached along the usual path, in order.
PATH_STATES = [
    RecordState.FOUND,
    RecordState.INVESTIGATED,
    RecordState.STOP_ORDER_SERVED,
    RecordState.DEMOLITION_ORDER_SERVED,
    RecordState.REMINDED,
    RecordState.FORCED_NOTICE_SERVED,
    RecordState.DEMOLISHED,
]


def _result_state(record, action):
    record.refresh_from_db()
    return record.state


@pytest.mark.parametrize(("state", "action"), ALLOWED)
def test_step_allowed_from_its_states(world, open_structure, state, action):
    officer = world["users"]["officer"]
    record = drive(open_structure(), state, officer)
    actor = world["users"]["grid_worker"] if action in REVISIT_ACTIONS else officer
    RUN[action](record, actor)
    assert _result_state(record, action) == TRANSITIONS[action].target
    verb = AuditEntry.objects.for_object(record).values_list("action", flat=True)
    assert any(code.startswith("enforcement.structure.") for code in verb)


def test_every_action_is_refused_in_every_other_state(world, open_structure):
    officer = world["users"]["officer"]
    record = open_structure()
    for state in PATH_STATES:
        record = drive(record, state, officer)
        for action, transition in TRANSITIONS.items():
            if state in transition.sources or action in REVISIT_ACTIONS:
                continue  # revisits exist only once demolished: see the test below
            entries = AuditEntry.objects.count()
            documents = EnforcementDocument.objects.count()
            with pytest.raises((ProcedureConflict, ValidationError)):
                RUN[action](record, officer)
            record.refresh_from_db()
            assert record.state == state, action
            assert AuditEntry.objects.count() == entries, action
            assert EnforcementDocument.objects.count() == documents, action


@pytest.mark.parametrize("action", [a for a in Action.values if a not in REVISIT_ACTIONS])
@pytest.mark.parametrize(
    "who", ["grid_worker", "staff", "supervisor", "auditor", "stranger", "grid2_officer"]
)
def test_officer_steps_refused_to_other_roles(world, open_structure, action, who):
    officer = world["users"]["officer"]
    source = sorted(TRANSITIONS[action].sources, key=PATH_STATES.index)[-1]
    record = drive(open_structure(), source, officer)
    entries = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        RUN[action](record, world["users"][who])
    record.refresh_from_db()
    assert record.state == source
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("action", sorted(REVISIT_ACTIONS))
@pytest.mark.parametrize("who", ["staff", "supervisor", "stranger", "other_grid_worker"])
def test_revisits_refused_to_roles_without_revisit_here(world, open_structure, action, who):
    record = drive(open_structure(), RecordState.DEMOLISHED, world["users"]["officer"])
    with pytest.raises(PermissionDenied):
        RUN[action](record, world["users"][who])
    record.refresh_from_db()
    assert record.state == RecordState.DEMOLISHED
    assert not record.revisits.filter(done_at__isnull=False).exists()


def test_reminder_waits_for_the_self_demolition_deadline(world, open_structure):
    from gongzhi.enforcement.choices import DocumentKind
    from tests.enforcement.helpers import days_ago, issue, record_service

    officer = world["users"]["officer"]
    record = drive(open_structure(), RecordState.STOP_ORDER_SERVED, officer)
    order = issue(
        record,
        DocumentKind.DEMOLITION_ORDER,
        officer,
        issued_on=days_ago(2),
        self_demolition_deadline=days_ago(-5),
    )
    record_service(order, officer)
    record.refresh_from_db()
    with pytest.raises(ValidationError) as excinfo:
        RUN[Action.SERVE_REMINDER](record, officer)
    assert "kind" in excinfo.value.message_dict
    assert record.documents.count() == 2


def test_the_same_step_twice_at_once_conflicts(world, open_structure):
    officer = world["users"]["officer"]
    record = open_structure()
    stale = type(record).objects.get(pk=record.pk)
    RUN[Action.INVESTIGATE](record, officer)
    with pytest.raises(ProcedureConflict):
        RUN[Action.INVESTIGATE](stale, officer)


def test_revisits_refused_once_the_record_relapsed_or_closed(world, open_structure):
    from tests.enforcement.helpers import revisit

    officer = world["users"]["officer"]
    relapsed = drive(open_structure(), RecordState.DEMOLISHED, officer)
    revisit(relapsed, officer, relapsed=True)
    relapsed.refresh_from_db()
    assert relapsed.state == RecordState.RELAPSED
    closed = drive(open_structure(address="另一处"), RecordState.DEMOLISHED, officer)
    RUN[Action.REVISIT_LAST](closed, officer)
    closed.refresh_from_db()
    assert closed.state == RecordState.CLOSED
    pending = relapsed.revisits.get(done_at__isnull=True)
    with pytest.raises(ProcedureConflict):
        revisit(relapsed, officer, seq=pending.seq)
    done = closed.revisits.order_by("seq").last()
    with pytest.raises(ProcedureConflict):
        from gongzhi.enforcement.services import structure_record_revisit
        from tests.enforcement.conftest import jpeg

        structure_record_revisit(revisit=done, actor=officer, relapsed=False, photos=[jpeg()])
