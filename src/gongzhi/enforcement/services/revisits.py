"""Revisits (回头看): the outcome rolls into the ledger; a relapse opens a new linked record
and a linked case."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases.choices import Channel, LinkReason
from gongzhi.cases.models import Category
from gongzhi.cases.services.followup import open_linked_case
from gongzhi.cases.services.intake import create_case
from gongzhi.core.audit import log_action
from gongzhi.core.images import files_guard, process_photos
from gongzhi.enforcement import validate as v
from gongzhi.enforcement.categories import DEFAULT_CATEGORY_CODE, structure_answers
from gongzhi.enforcement.choices import Action, FoundBy, PhotoStage, RevisitOutcome
from gongzhi.enforcement.errors import ProcedureConflict
from gongzhi.enforcement.models import StructureRevisit
from gongzhi.enforcement.services.common import apply_step
from gongzhi.enforcement.services.photos import store_structure_photos
from gongzhi.enforcement.services.records import open_record


def _relapse_case(record, description: str, actor):
    """The case of the relapse: linked to the old record's case, or new when it had none."""
    if record.case is not None:
        return open_linked_case(
            case=record.case, reason=LinkReason.RELAPSE, description=description, actor=actor
        )
    category = Category.objects.filter(code=DEFAULT_CATEGORY_CODE, is_active=True).first()
    if category is None:
        return None  # no category to file it under: the record stands alone, like its parent
    fields = {
        "category": category,
        "description": description,
        "channel": Channel.PATROL,
        "lat": record.lat,
        "lon": record.lon,
        "address": record.address,
        "node": record.node,
        "reported_at": None,
    }
    answers = dict(structure_answers(category, record.structure_type, record.area_found))
    return create_case(fields=fields, answers=answers, processed=[], actor=actor)


def structure_record_revisit(
    *,
    revisit,
    actor,
    relapsed: bool,
    note: str = "",
    photos=(),
    area_found=None,
    description: str = "",
) -> StructureRevisit:
    """Record one revisit of a demolished structure, with a photo of the site.

    Still removed: the next revisit's clock starts, or after the last one the record is closed.
    Built again: the record is marked relapsed and a new record (``revisit.relapse_record``)
    opens at the same place with a case linked to the old one.
    """
    note = v.text(note, "note")
    description = v.text(description, "description")
    area = v.area(area_found, "area_found", required=False)
    processed = process_photos(photos)
    if not processed:
        raise ValidationError({"photos": _("Add a photo of the site as it is now.")})
    pending = StructureRevisit.objects.filter(record_id=revisit.record_id, done_at__isnull=True)
    if relapsed:
        action = Action.RELAPSE
    elif pending.exclude(pk=revisit.pk).exists():
        action = Action.REVISIT
    else:
        action = Action.REVISIT_LAST
    outcome = RevisitOutcome.RELAPSED if relapsed else RevisitOutcome.HOLDS
    today = timezone.localdate()
    state: dict = {}

    def check(locked):
        row = StructureRevisit.objects.select_for_update().get(pk=revisit.pk)
        if row.record_id != locked.pk or row.done_at is not None:
            raise ProcedureConflict(_("This revisit was recorded already."), code="revisit_done")
        others = pending.exclude(pk=row.pk).exists()
        if not relapsed and others != (action == Action.REVISIT):
            raise ProcedureConflict(_("The revisits changed meanwhile: reload the page."))
        state["row"] = row

    def mutate(locked):
        locked.last_revisit_on = today
        locked.last_revisit_outcome = outcome
        return ["last_revisit_on", "last_revisit_outcome"]

    def effects(locked):
        row = state["row"]
        row.done_at = timezone.now()
        row.done_by = actor
        row.outcome = outcome
        row.note = note
        if relapsed:
            text = description or note or _("Built again after demolition.")
            case = _relapse_case(locked, text, actor)
            row.relapse_record = open_record(
                actor=actor,
                structure_type=locked.structure_type,
                area_found=area or locked.area_found,
                address=locked.address,
                found_by=FoundBy.PATROL,
                case=case,
                node=locked.node,
                lat=locked.lat,
                lon=locked.lon,
                party_name=locked.party_name,
                party_address=locked.party_address,
                party_phone=locked.party_phone,
                description=text,
                relapse_of=locked,
            )
        row.save(update_fields=["done_at", "done_by", "outcome", "note", "relapse_record"])
        store_structure_photos(
            record=locked, processed=processed, stage=PhotoStage.REVISIT, actor=actor, revisit=row
        )
        log_action(
            "enforcement.revisit.recorded",
            actor=actor,
            obj=row,
            new={"outcome": outcome},
            data={
                "reference": locked.reference,
                "relapse_record": row.relapse_record.reference if row.relapse_record else None,
            },
        )

    with files_guard():
        apply_step(
            record=revisit.record,
            action=action,
            actor=actor,
            check=check,
            mutate=mutate,
            effects=effects,
            data={"revisit": revisit.seq, "outcome": outcome},
        )
    return state["row"]
