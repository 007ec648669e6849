"""Reading cases for the API: one selector call per answer, flat query counts."""

from __future__ import annotations

from gongzhi.cases.choices import Action, State
from gongzhi.cases.models import Case
from gongzhi.cases.selectors.cases import (
    LIST_RELATED,
    available_actions,
    case_timeline,
    event_label,
)
from gongzhi.cases.views.common import works_on
from gongzhi.core.masking import mask_name, mask_phone
from gongzhi.core.scrub import public_name


def fresh_case(pk) -> Case:
    """A case just written by the caller, read again with what its detail needs."""
    return (
        Case.objects.select_related(*LIST_RELATED).prefetch_related("answers__question").get(pk=pk)
    )


def _party(party):
    return {"id": party.pk, "name": party.name} if party is not None else None


def case_out(case) -> dict:
    return {
        "reference": case.reference,
        "state": case.state,
        "state_label": str(State(case.state).label),
        "category": case.category.code,
        "category_name": case.category.name,
        "node": case.node.code,
        "node_name": case.node.name,
        "channel": case.channel,
        "description": case.description,
        "address": case.address,
        "lat": case.lat,
        "lon": case.lon,
        "is_public": case.is_public,
        "reported_at": case.reported_at,
        "updated_at": case.updated_at,
        "step": case.step,
        "step_deadline_at": case.step_deadline_at,
        "routed_party": _party(case.routed_party),
        "assigned_party": _party(case.assigned_party),
        "routing_text": case.routing_text,
        "support_count": case.support_count,
        "rework_count": case.rework_count,
        "version": case.version,
    }


def actor_out(actor, *, staff: bool) -> dict | None:
    """Who made a timeline entry: full name and username for staff, masked for the others."""
    if actor is None:
        return None
    name = actor.get_full_name() or actor.get_username()
    if staff:
        return {"name": name, "username": actor.get_username()}
    return {"name": public_name(name), "username": None}


def case_detail_out(user, case) -> dict:
    """The case as ``user`` may see it: staff and handlers get every timeline entry with its
    actor; the reporter gets the public entries, actors masked."""
    staff = works_on(user, case)
    out = case_out(case)
    out.update(
        {
            "reporter_name": "" if case.is_anonymous else mask_name(case.reporter_name),
            "reporter_phone": mask_phone(case.reporter_phone),
            "answers": [{"code": a.question.code, "value": a.value} for a in case.answers.all()],
            "timeline": [
                {
                    "action": e.action,
                    "label": str(event_label(e)),
                    "from_state": e.from_state,
                    "to_state": e.to_state,
                    "note": e.note,
                    "public": e.public,
                    "at": e.created_at,
                    "actor": actor_out(e.actor, staff=staff),
                }
                for e in case_timeline(case, public_only=not staff)
            ],
            "available_actions": [a for a in available_actions(user, case) if a in Action.values],
        }
    )
    return out
