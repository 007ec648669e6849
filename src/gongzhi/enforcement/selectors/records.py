"""Reading records: lists with their deadline colour, one record with everything on its page,
and what a user may do to it now."""

from __future__ import annotations

from django.db.models import F, Prefetch, Q
from django.utils import timezone

from gongzhi.core.models import AuditEntry
from gongzhi.enforcement.choices import FINAL_STATES, OPEN_STATES, RecordState
from gongzhi.enforcement.deadlines import lapse_of
from gongzhi.enforcement.models import (
    EnforcementDocument,
    IllegalStructure,
    StructurePhoto,
    StructureRevisit,
)
from gongzhi.enforcement.procedure import SERVING, TRANSITIONS
from gongzhi.enforcement.services.common import is_allowed
from gongzhi.worktime.choices import SlaStatus
from gongzhi.worktime.clock import WorkClock
from gongzhi.worktime.snapshot import current_snapshot

ACTIVE = "active"  # the list's default: open and demolished records (work still to do)


def records_for(user, *, node=None, state: str = ACTIVE, overdue_only: bool = False, now=None):
    """The records ``user`` may see, most urgent first (deadline, then newest)."""
    qs = IllegalStructure.objects.visible_to(user).select_related("node", "authority", "case")
    if node is not None:
        qs = qs.filter(node__path__startswith=node.path)
    if state == ACTIVE:
        qs = qs.exclude(state__in=FINAL_STATES)
    elif state:
        qs = qs.filter(state=state)
    if overdue_only:
        qs = qs.filter(step_deadline_at__lt=now or timezone.now())
    return qs.order_by(F("step_deadline_at").asc(nulls_last=True), "-found_at", "-id")


class StatusClock:
    """Deadline colours for many records with one read of the working-time calendar."""

    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.snapshot = current_snapshot()
        self.tz = timezone.get_default_timezone()
        self._clocks: dict[str, WorkClock] = {}

    def _clock(self, node) -> WorkClock:
        clock = self._clocks.get(node.path)
        if clock is None:
            clock = WorkClock(
                calendar=self.snapshot.calendar,
                tz=self.tz,
                periods=self.snapshot.periods_for(node),
            )
            self._clocks[node.path] = clock
        return clock

    def status(self, record) -> str:
        """green / yellow / red for the step the record waits on; "" when nothing is due."""
        if record.step_deadline_at is None or record.step_started_at is None:
            return ""
        if record.state in FINAL_STATES:
            return ""
        clock = self._clock(record.node)
        if record.step_deadline_at <= record.step_started_at:
            return SlaStatus.RED if self.now > record.step_deadline_at else SlaStatus.YELLOW
        return clock.sla_status(record.step_started_at, record.step_deadline_at, self.now)

    def annotate(self, records) -> list:
        records = list(records)
        for record in records:
            record.sla = self.status(record)
        return records


def record_detail(user, pk):
    """One record the user may see, with its documents, photos, revisits and relapses."""
    from gongzhi.org.access import get_for

    documents = EnforcementDocument.objects.select_related("service", "issued_by").order_by(
        "created_at", "id"
    )
    queryset = IllegalStructure.objects.select_related(
        "node", "authority", "case", "relapse_of", "patrol"
    ).prefetch_related(
        Prefetch("documents", queryset=documents),
        Prefetch("photos", queryset=StructurePhoto.objects.order_by("created_at", "id")),
        Prefetch(
            "revisits",
            queryset=StructureRevisit.objects.select_related("relapse_record", "done_by"),
        ),
        "relapses",
        "supervisions",
    )
    return get_for(user, queryset, pk=pk)


def timeline(record) -> list[AuditEntry]:
    """The record's audit entries, oldest first (with those of its documents)."""
    document_ids = [str(d.pk) for d in record.documents.all()]
    return list(
        AuditEntry.objects.filter(
            Q(object_type="enforcement.illegalstructure", object_id=str(record.pk))
            | Q(object_type="enforcement.enforcementdocument", object_id__in=document_ids)
        )
        .select_related("actor__person")
        .order_by("created_at", "id")
    )


def allowed_actions(user, record, now=None) -> set[str]:
    """The actions of the procedure table ``user`` may take on ``record`` now."""
    now = now or timezone.now()
    allowed = set()
    for action, transition in TRANSITIONS.items():
        if record.state not in transition.sources:
            continue
        if not is_allowed(user, transition.permission, record.node):
            continue
        if transition.after_lapse and (
            record.self_demolition_deadline is None
            or now < lapse_of(record.self_demolition_deadline)
        ):
            continue
        allowed.add(action)
    return allowed


def issuable_kinds(user, record, now=None) -> list[str]:
    """The documents ``user`` may issue for ``record`` now (in procedure order)."""
    allowed = allowed_actions(user, record, now)
    return [kind for kind, transition in SERVING.items() if transition.action in allowed]


def open_count(user) -> dict:
    """For the home panel: records the user may see that are open, and those overdue."""
    qs = IllegalStructure.objects.visible_to(user)
    now = timezone.now()
    return {
        "open": qs.filter(state__in=OPEN_STATES).count(),
        "overdue": qs.exclude(state__in=FINAL_STATES).filter(step_deadline_at__lt=now).count(),
        "revisits": StructureRevisit.objects.visible_to(user)
        .filter(
            done_at__isnull=True,
            record__state=RecordState.DEMOLISHED,
            due_on__lte=timezone.localdate(),
        )
        .count(),
    }


def _labels():
    from django.utils.translation import gettext_lazy as _

    return {
        "enforcement.structure.found": _("record opened"),
        "enforcement.structure.imported": _("imported from a ledger"),
        "enforcement.structure.investigated": _("investigated"),
        "enforcement.structure.dismissed": _("dismissed"),
        "enforcement.structure.stop_order_served": _("stop order served"),
        "enforcement.structure.demolition_order_served": _("demolition order served"),
        "enforcement.structure.reminder_served": _("reminder served"),
        "enforcement.structure.forced_notice_served": _("forced-demolition notice served"),
        "enforcement.structure.self_demolished": _("demolished by the party"),
        "enforcement.structure.force_demolished": _("demolished by force"),
        "enforcement.structure.revisited": _("revisited: still removed"),
        "enforcement.structure.closed": _("last revisit: closed"),
        "enforcement.structure.relapsed": _("revisited: built again"),
        "enforcement.structure.supervised": _("escalated: overdue"),
        "enforcement.structure.photos_added": _("photos added"),
        "enforcement.document.issued": _("document issued"),
        "enforcement.document.served": _("service recorded"),
        "enforcement.document.withdrawn": _("document withdrawn"),
    }


def timeline_label(action: str) -> str:
    """Words for an audit code on the record's timeline."""
    return str(_labels().get(action, action))
