"""Reading cases for the API: one selector call per answer, flat query counts."""

from __future__ import annotations

import datetime as dt

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


def case_detail_out(user, case, *, answers=None, timeline=None) -> dict:
    """The case as ``user`` may see it: staff and handlers get every timeline entry with its
    actor; the reporter gets the public entries, actors masked."""
    staff = works_on(user, case)
    out = case_out(case)
    answers = case.answers.all() if answers is None else answers
    timeline = case_timeline(case, public_only=not staff) if timeline is None else timeline
    out.update(
        {
            "reporter_name": "" if case.is_anonymous else mask_name(case.reporter_name),
            "reporter_phone": mask_phone(case.reporter_phone),
            "answers": [{"code": a.question.code, "value": a.value} for a in answers],
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
                for e in timeline
            ],
            "available_actions": [a for a in available_actions(user, case) if a in Action.values],
        }
    )
    return out


def created_case_detail_out(user, case) -> dict:
    """The detail of a case the intake has just made, from what it wrote (no query): its
    answers and its one timeline entry, the routed party as routing named it. A replay (the
    case existed) is read again like any other case."""
    if case.is_replay or not hasattr(case, "created_event"):
        return case_detail_out(user, fresh_case(case.pk))
    out = case_detail_out(user, case, answers=case.created_answers, timeline=[case.created_event])
    party = (case.routing or {}).get("party")
    out["routed_party"] = {"id": party["id"], "name": party["name"]} if party else None
    # Times as the database gives them back (UTC), so that the answer reads the same as a
    # later GET of the case.
    for entry in (out, *out["timeline"]):
        for field, value in entry.items():
            if isinstance(value, dt.datetime):
                entry[field] = value.astimezone(dt.UTC)
    return out


# What a list item needs, read with .values(): no model instances for a page of cases.
LIST_VALUES = (
    "id",
    "reference",
    "state",
    "category__code",
    "category__name",
    "node__code",
    "node__name",
    "channel",
    "description",
    "address",
    "lat",
    "lon",
    "is_public",
    "reported_at",
    "updated_at",
    "step",
    "step_deadline_at",
    "routed_party_id",
    "routed_party__name",
    "assigned_party_id",
    "assigned_party__name",
    "routing_text",
    "support_count",
    "rework_count",
    "version",
)


def _party_values(row, field):
    pk = row[f"{field}_id"]
    return {"id": pk, "name": row[f"{field}__name"]} if pk is not None else None


def case_rows(queryset) -> list[dict]:
    """``case_out`` of each case in ``queryset`` (one query, from ``.values()``); each row
    also carries ``id`` for keyset pagination (not part of the answer)."""
    labels = {value: str(label) for value, label in State.choices}
    return [
        {
            "id": row["id"],
            "reference": row["reference"],
            "state": row["state"],
            "state_label": labels.get(row["state"], row["state"]),
            "category": row["category__code"],
            "category_name": row["category__name"],
            "node": row["node__code"],
            "node_name": row["node__name"],
            "channel": row["channel"],
            "description": row["description"],
            "address": row["address"],
            "lat": row["lat"],
            "lon": row["lon"],
            "is_public": row["is_public"],
            "reported_at": row["reported_at"],
            "updated_at": row["updated_at"],
            "step": row["step"],
            "step_deadline_at": row["step_deadline_at"],
            "routed_party": _party_values(row, "routed_party"),
            "assigned_party": _party_values(row, "assigned_party"),
            "routing_text": row["routing_text"],
            "support_count": row["support_count"],
            "rework_count": row["rework_count"],
            "version": row["version"],
        }
        for row in queryset.values(*LIST_VALUES)
    ]
