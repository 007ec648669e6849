"""Reading cases for the API: one selector call per answer, flat query counts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.db.models.expressions import RawSQL

from gongzhi.cases import disclosure
from gongzhi.cases.choices import Action, State
from gongzhi.cases.models import Case
from gongzhi.cases.permissions import VIEW_ORIGINAL
from gongzhi.cases.selectors.cases import (
    LIST_RELATED,
    available_actions,
    case_timeline,
    event_label,
)
from gongzhi.cases.views.common import works_on
from gongzhi.core.masking import mask_name, mask_phone
from gongzhi.core.scrub import public_name
from gongzhi.org.access import user_scope


def fresh_case(pk) -> Case:
    """A case just written by the caller, read again with what its detail needs."""
    return (
        Case.objects.select_related(*LIST_RELATED).prefetch_related("answers__question").get(pk=pk)
    )


def _party(party):
    return {"id": party.pk, "name": party.name} if party is not None else None


def as_reported(user, case) -> bool:
    """Is ``case`` shown to ``user`` as it was reported? To its reporter and to the account
    (or API key) that entered it. Everyone else, staff included, reads the text scrubbed of
    people's data and the address to the building, as on the staff page; the original is
    ``GET /api/cases/{reference}/original``, for ``cases.view_original``, audited each time."""
    return user.pk is not None and user.pk in (case.reporter_user_id, case.created_by_id)


def _exact_point_at(user):
    """Whether ``user`` sees the exact point at a node path: with ``cases.view_original``
    there, as on the staff map (asked once per path)."""
    if getattr(user, "is_superuser", False):
        return lambda path: True
    scope, known = user_scope(user), {}

    def exact(path: str) -> bool:
        if path not in known:
            known[path] = scope.allows(VIEW_ORIGINAL, path)
        return known[path]

    return exact


def shown(user, case, exact_point) -> dict:
    """The description, address and point of ``case`` as ``user`` may read them."""
    if as_reported(user, case):
        return {
            "description": case.description,
            "address": case.address,
            "lat": case.lat,
            "lon": case.lon,
        }
    if exact_point(case.node.path):
        lat, lon = case.lat, case.lon
    else:
        lat, lon = disclosure.public_point(case.category.public_precision, case.lat, case.lon)
    return {
        "description": disclosure.public_text(case, case.description),
        "address": disclosure.public_address(case),
        "lat": lat,
        "lon": lon,
    }


def case_out(user, case) -> dict:
    return {
        "reference": case.reference,
        "state": case.state,
        "state_label": str(State(case.state).label),
        "category": case.category.code,
        "category_name": case.category.name,
        "node": case.node.code,
        "node_name": case.node.name,
        "channel": case.channel,
        **shown(user, case, _exact_point_at(user)),
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
    out = case_out(user, case)
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
    # what the scrubber and the precision rule read
    "node__path",
    "category__public_precision",
    "reporter_name",
    "reporter_person_id",
    "reporter_user_id",
    "created_by_id",
)


def _party_values(row, field):
    pk = row[f"{field}_id"]
    return {"id": pk, "name": row[f"{field}__name"]} if pk is not None else None


def _row_case(row, reporters) -> SimpleNamespace:
    """What ``shown`` and the scrubber read of a case, from a ``.values()`` row and its
    reporter's stand-ins (``disclosure.reporters_of``)."""
    person, reporter_user = reporters.get(row["id"], (None, None))
    return SimpleNamespace(
        description=row["description"],
        address=row["address"],
        lat=row["lat"],
        lon=row["lon"],
        node=SimpleNamespace(path=row["node__path"]),
        category=SimpleNamespace(public_precision=row["category__public_precision"]),
        reporter_name=row["reporter_name"],
        reporter_person_id=row["reporter_person_id"],
        reporter_person=person,
        reporter_user_id=row["reporter_user_id"],
        reporter_user=reporter_user,
        created_by_id=row["created_by_id"],
    )


def with_bounded_count(queryset, limit: int):
    """``queryset`` whose rows also carry ``matching``: how many rows it holds, counted up to
    ``limit``, in the same statement (an uncorrelated subquery, which PostgreSQL and SQLite
    run once), so that a page and its count are one query instead of two."""
    counting = queryset.order_by().values("pk")[:limit]
    sql, params = counting.query.sql_with_params()
    return queryset.annotate(matching=RawSQL(f"SELECT COUNT(*) FROM ({sql}) AS matching", params))


def case_rows(queryset, user) -> list[dict]:
    """``case_out`` of each case in ``queryset`` for ``user`` (from ``.values()``: the page,
    and the names of its reporters when there are some to scrub); each row also carries
    ``id`` for keyset pagination (not part of the answer)."""
    labels = {value: str(label) for value, label in State.choices}
    exact_point = _exact_point_at(user)
    counted = ("matching",) if "matching" in queryset.query.annotations else ()
    rows = list(queryset.values(*LIST_VALUES, *counted))
    reporters = disclosure.reporters_of(rows)
    return [
        {
            "id": row["id"],
            **{name: row[name] for name in counted},
            "reference": row["reference"],
            "state": row["state"],
            "state_label": labels.get(row["state"], row["state"]),
            "category": row["category__code"],
            "category_name": row["category__name"],
            "node": row["node__code"],
            "node_name": row["node__name"],
            "channel": row["channel"],
            **shown(user, _row_case(row, reporters), exact_point),
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
        for row in rows
    ]
