"""Staff keep the parts of a volunteer's record that are not hours: training, awards and
evaluations."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.volunteering.models import AwardEntry, EvaluationEntry, TrainingEntry
from gongzhi.volunteering.permissions import can_manage
from gongzhi.volunteering.selectors import issuing_community


def _create(model, action: str, *, person, actor, **fields):
    node = issuing_community(person) or person.node
    if actor is not None and not can_manage(actor, node):
        raise PermissionDenied(_("You may not keep volunteer records here."))
    with transaction.atomic():
        entry = model(person=person, node=node, **fields)
        if actor is not None and actor.is_authenticated:
            entry.recorded_by = actor
        entry.full_clean()
        entry.save()
        log_action(action, actor=actor, obj=entry, new={"person": person.pk, **fields})
    return entry


def training_record(
    *, person, title: str, held_on, hours: Decimal = Decimal("0"), organiser: str = "", actor=None
) -> TrainingEntry:
    """Note a training the volunteer took part in."""
    if hours is None or Decimal(hours) < 0:
        raise ValidationError({"hours": _("Hours cannot be negative.")})
    return _create(
        TrainingEntry,
        "volunteering.record.training_added",
        person=person,
        actor=actor,
        title=title,
        held_on=held_on,
        hours=Decimal(hours),
        organiser=organiser,
    )


def award_record(*, person, title: str, awarded_by: str, awarded_on, actor=None) -> AwardEntry:
    """Note an award or commendation the volunteer received."""
    return _create(
        AwardEntry,
        "volunteering.record.award_added",
        person=person,
        actor=actor,
        title=title,
        awarded_by=awarded_by,
        awarded_on=awarded_on,
    )


def evaluation_record(
    *, person, period: str, rating: str, evaluated_on, comment: str = "", actor=None
) -> EvaluationEntry:
    """Note an evaluation of the volunteer's service over a period."""
    return _create(
        EvaluationEntry,
        "volunteering.record.evaluation_added",
        person=person,
        actor=actor,
        period=period,
        rating=rating,
        evaluated_on=evaluated_on,
        comment=comment,
    )
