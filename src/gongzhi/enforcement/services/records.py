"""Opening a record and the procedure steps that are not the serving of a document."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases.locating import locate_node, to_wgs84
from gongzhi.core.audit import log_action
from gongzhi.core.images import files_guard, process_photos
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement import validate as v
from gongzhi.enforcement.choices import (
    Action,
    DemolitionMethod,
    FoundBy,
    PhotoStage,
    RecordState,
    StructureType,
)
from gongzhi.enforcement.models import IllegalStructure, StructureRevisit
from gongzhi.enforcement.services.common import (
    apply_step,
    is_allowed,
    record_reference,
    require_authority,
    start_step,
)
from gongzhi.enforcement.services.photos import store_structure_photos


def _place(*, lat, lon, crs, node, case):
    """(lat, lon, node): the reported point placed in its grid, else the case's or given node."""
    if lat is None and lon is None and case is not None:
        return case.lat, case.lon, case.node
    if lat is None and lon is None:
        if node is None:
            raise ValidationError({"lat": _("Pick the place on the map or give the grid.")})
        return None, None, node
    if lat is None or lon is None:
        raise ValidationError({"lat": _("Give both latitude and longitude.")})
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"lat": _("Enter a number.")}) from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError({"lat": _("This is not a place on earth.")})
    lon, lat = to_wgs84(lon, lat, crs)
    located = locate_node(lon, lat, "wgs84")
    if located is None:
        if case is None and node is None:
            raise ValidationError({"lat": _("This place is outside the area we serve.")})
        located = case.node if case is not None else node
    return lat, lon, located


def open_record(
    *,
    actor,
    structure_type,
    area_found,
    address,
    found_by,
    case=None,
    node=None,
    lat=None,
    lon=None,
    crs: str = "wgs84",
    party_name: str = "",
    party_address: str = "",
    party_phone: str = "",
    description: str = "",
    found_at=None,
    patrol=None,
    relapse_of=None,
) -> IllegalStructure:
    """Create a record in state *found* without checking the actor (callers check it); call
    inside a transaction."""
    fields = {
        "structure_type": v.choice(structure_type, "structure_type", StructureType),
        "found_by": v.choice(found_by, "found_by", FoundBy),
        "area_found": v.area(area_found, "area_found"),
        "address": v.text(address or (case.address if case else ""), "address", max_length=200),
        "party_name": v.text(party_name, "party_name", max_length=100),
        "party_address": v.text(party_address, "party_address", max_length=200),
        "party_phone": v.phone(party_phone),
        "description": v.text(description or (case.description if case else ""), "description"),
    }
    if not fields["address"]:
        raise ValidationError({"address": _("Give the address of the structure.")})
    lat, lon, node = _place(lat=lat, lon=lon, crs=crs, node=node, case=case)
    authority = require_authority(node)
    if case is not None and IllegalStructure.objects.filter(case=case).exists():
        raise ValidationError({"case": _("Case %(ref)s has a record already.") % {"ref": case}})
    now = timezone.now()
    found_at = found_at or now
    if timezone.is_naive(found_at) or found_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"found_at": _("Give a time with its zone, not in the future.")})
    record = IllegalStructure(
        **fields,
        reference=record_reference(authority, found_at),
        authority=authority,
        node=node,
        case=case,
        patrol=patrol,
        relapse_of=relapse_of,
        lat=lat,
        lon=lon,
        found_at=found_at,
        state=RecordState.FOUND,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    start_step(record, now)
    record.save()
    log_action(
        "enforcement.structure.found",
        actor=actor,
        obj=record,
        new={
            "state": record.state,
            "node": node.code,
            "area_found": record.area_found,
            "structure_type": record.structure_type,
        },
        data={
            "reference": record.reference,
            "case": case.reference if case else None,
            "relapse_of": relapse_of.reference if relapse_of else None,
        },
    )
    return record


def structure_open(*, actor, **fields) -> IllegalStructure:
    """Open a record for a structure found on a patrol or reported by a resident.

    Takes the fields of ``open_record``; the actor needs ``enforcement.report`` at the place.
    With ``case`` the record is attached to that case (at its place, unless a point is given).
    """
    with transaction.atomic():
        record = open_record(actor=actor, **fields)
        if not is_allowed(actor, perms.REPORT, record.node):
            raise PermissionDenied(
                _("You may not open records at %(node)s.") % {"node": record.node}
            )
    return record


def structure_investigate(
    *,
    record,
    actor,
    facts: str,
    area_found=None,
    party_name: str | None = None,
    party_address: str | None = None,
    party_phone: str | None = None,
    structure_type: str | None = None,
    expected_version: int | None = None,
) -> IllegalStructure:
    """Record the investigation (调查): the facts established, and the measured area, the party
    and the type where the visit corrected them. The stop order's clock starts."""
    changes = {"facts": v.text(facts, "facts", required=True)}
    if area_found not in (None, ""):
        changes["area_found"] = v.area(area_found, "area_found")
    for field, limit in (("party_name", 100), ("party_address", 200)):
        value = locals()[field]
        if value is not None:
            changes[field] = v.text(value, field, max_length=limit)
    if party_phone is not None:
        changes["party_phone"] = v.phone(party_phone)
    if structure_type:
        changes["structure_type"] = v.choice(structure_type, "structure_type", StructureType)

    def mutate(locked):
        for field, value in changes.items():
            setattr(locked, field, value)
        return list(changes)

    return apply_step(
        record=record,
        action=Action.INVESTIGATE,
        actor=actor,
        mutate=mutate,
        expected_version=expected_version,
        data={k: str(val) for k, val in changes.items() if k != "facts"},
    )


def structure_dismiss(
    *, record, actor, reason: str, expected_version: int | None = None
) -> IllegalStructure:
    """Close a record whose structure turned out not to be illegal (or not there)."""
    reason = v.text(reason, "reason", required=True)

    def mutate(locked):
        locked.dismissal_reason = reason
        return ["dismissal_reason"]

    return apply_step(
        record=record,
        action=Action.DISMISS,
        actor=actor,
        mutate=mutate,
        expected_version=expected_version,
        data={"reason": reason},
    )


def structure_record_demolition(
    *,
    record,
    actor,
    method: str,
    area_removed,
    demolished_on,
    photos_after=(),
    photos_before=(),
    note: str = "",
    expected_version: int | None = None,
) -> IllegalStructure:
    """Record that the structure is gone: by the party (self-demolition, from any standing
    state after the investigation) or by the authority (forced, after the notice).

    Needs the area removed and at least one photo after demolition; schedules the revisits
    (回头看) the authority asks for (30 and 90 days by default).
    """
    method = v.choice(method, "method", DemolitionMethod)
    removed = v.area(area_removed, "area_removed")
    day = v.date(demolished_on, "demolished_on", not_after_today=True)
    note = v.text(note, "note")
    after = process_photos(photos_after)
    before = process_photos(photos_before)
    if not after:
        raise ValidationError({"photos_after": _("Add a photo of the site after demolition.")})
    action = Action.SELF_DEMOLISH if method == DemolitionMethod.SELF else Action.FORCE_DEMOLISH

    def check(locked):
        if day < timezone.localdate(locked.found_at):
            raise ValidationError(
                {"demolished_on": _("The structure cannot be gone before it was found.")}
            )

    def mutate(locked):
        locked.demolition_method = method
        locked.area_removed = removed
        locked.demolished_on = day
        if note:
            locked.note = f"{locked.note}\n{note}".strip()
        return ["demolition_method", "area_removed", "demolished_on", "note"]

    def effects(locked):
        days = sorted({int(n) for n in locked.authority.revisit_days or [] if int(n) > 0})
        StructureRevisit.objects.bulk_create(
            [
                StructureRevisit(record=locked, seq=i, due_on=day + dt.timedelta(days=n))
                for i, n in enumerate(days, start=1)
            ]
        )
        store_structure_photos(
            record=locked, processed=before, stage=PhotoStage.BEFORE, actor=actor
        )
        store_structure_photos(record=locked, processed=after, stage=PhotoStage.AFTER, actor=actor)

    with files_guard():
        return apply_step(
            record=record,
            action=action,
            actor=actor,
            check=check,
            mutate=mutate,
            effects=effects,
            expected_version=expected_version,
            data={"area_removed": str(removed), "demolished_on": day.isoformat(), "method": method},
        )


def structure_add_photos(*, record, actor, photos, stage: str = PhotoStage.BEFORE) -> list:
    """Add photos to a record (anyone who may investigate or revisit it)."""
    stage = v.choice(stage, "stage", PhotoStage)
    processed = process_photos(photos)
    if not processed:
        raise ValidationError({"photos": _("Choose at least one photo.")})
    if not (
        is_allowed(actor, perms.INVESTIGATE, record.node)
        or is_allowed(actor, perms.REVISIT, record.node)
    ):
        raise PermissionDenied(_("You may not add photos to this record."))
    with files_guard(), transaction.atomic():
        stored = store_structure_photos(
            record=record, processed=processed, stage=stage, actor=actor
        )
        log_action(
            "enforcement.structure.photos_added",
            actor=actor,
            obj=record,
            data={"reference": record.reference, "count": len(stored), "stage": stage},
        )
    return stored
