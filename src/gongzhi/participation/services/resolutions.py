"""Resolutions in a council's minutes, and what they become: a task or a case, linked both
ways (the resolution keeps the link; the case page shows it through the cases app's panel
registry)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.participation.choices import CouncilState, ResolutionOutcome, TaskSource
from gongzhi.participation.models import Council, Resolution
from gongzhi.participation.permissions import MANAGE
from gongzhi.participation.services.common import lock, require, text

# A resolution is written while the council is held; it may be turned into a task or a case
# until the council is closed.
WRITABLE = {CouncilState.HELD}
ACTIONABLE = {CouncilState.HELD, CouncilState.MINUTES_PUBLISHED}


def _state_error(council) -> ValidationError:
    return ValidationError(
        {
            "state": _("This council is %(state)s; its resolutions cannot change.")
            % {"state": council.get_state_display()}
        },
        code="state",
    )


def resolution_add(*, council: Council, text_: str, agenda_item=None, actor=None) -> Resolution:
    """Write a resolution into the minutes of a held council."""
    body = text(text_, field="text", max_length=2000, label=_("Write the resolution."))
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        if council.state not in WRITABLE:
            raise _state_error(council)
        if agenda_item is not None and agenda_item.council_id != council.pk:
            raise ValidationError(
                {"agenda_item": _("This agenda item belongs to another council.")}
            )
        resolution = Resolution.objects.create(council=council, agenda_item=agenda_item, text=body)
        log_action(
            "participation.council.resolution_added",
            actor=actor,
            obj=council,
            data={"resolution": resolution.pk, "text": body},
        )
    return resolution


def _lock_open(resolution):
    resolution = Resolution.objects.select_for_update(of=("self",)).get(pk=resolution.pk)
    council = lock(Council, resolution.council_id, "node")
    if council.state not in ACTIONABLE:
        raise _state_error(council)
    if resolution.outcome != ResolutionOutcome.NONE:
        raise ValidationError(
            {
                "outcome": _("This resolution already became a %(what)s.")
                % {"what": resolution.get_outcome_display()}
            }
        )
    return resolution, council


def resolution_to_task(
    *,
    resolution: Resolution,
    due_days,
    owner_party=None,
    owner_name: str = "",
    responsible=None,
    title: str = "",
    actor=None,
) -> Resolution:
    """Put the resolution on the task list as a task of ``owner_party``."""
    from gongzhi.participation.services.tasks import task_create

    with transaction.atomic():
        resolution, council = _lock_open(resolution)
        require(actor, MANAGE, council.node)
        task = task_create(
            title=(title or resolution.text)[:120],
            description=resolution.text,
            node=council.node,
            due_days=due_days,
            source=TaskSource.RESOLUTION,
            owner_party=owner_party,
            owner_name=owner_name,
            responsible=responsible,
            labels=list(council.labels.all()),
            actor=actor,
        )
        resolution.task = task
        resolution.outcome = ResolutionOutcome.TASK
        resolution.save(update_fields=["task", "outcome"])
        log_action(
            "participation.council.resolution_to_task",
            actor=actor,
            obj=council,
            data={"resolution": resolution.pk, "task": task.pk},
        )
    return resolution


def resolution_to_case(*, resolution: Resolution, category, actor=None) -> Resolution:
    """Send the resolution into the case loop through the intake (channel "council")."""
    from gongzhi.cases.choices import Channel
    from gongzhi.cases.services import case_report

    with transaction.atomic():
        resolution, council = _lock_open(resolution)
        require(actor, MANAGE, council.node)
        case = case_report(
            category=category,
            description=f"{council.title}: {resolution.text}",
            channel=Channel.COUNCIL,
            actor=actor,
            node=council.node,
            idempotency_key=f"participation.resolution:{resolution.pk}",
        )
        resolution.case = case
        resolution.outcome = ResolutionOutcome.CASE
        resolution.save(update_fields=["case", "outcome"])
        log_action(
            "participation.council.resolution_to_case",
            actor=actor,
            obj=council,
            data={"resolution": resolution.pk, "case": case.reference},
        )
    return resolution
