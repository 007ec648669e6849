"""Patrols: start, GPS points or a drawn route, grids covered, photos, findings, end."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.cases.choices import Channel
from gongzhi.cases.services.intake import case_report
from gongzhi.core.audit import log_action
from gongzhi.core.images import files_guard, process_photos
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement import validate as v
from gongzhi.enforcement.categories import (
    DEFAULT_CATEGORY_CODE,
    default_category,
    structure_answer_codes,
)
from gongzhi.enforcement.choices import FoundBy, StructureType
from gongzhi.enforcement.geo import MAX_ROUTE_POINTS, clean_line, clean_points, grids_on
from gongzhi.enforcement.models import Patrol, PatrolFinding
from gongzhi.enforcement.services.common import is_allowed
from gongzhi.enforcement.services.photos import store_patrol_photos
from gongzhi.enforcement.services.records import open_record
from gongzhi.org.access import user_scope
from gongzhi.org.choices import Level
from gongzhi.org.models import Node, Person
from gongzhi.org.roles import role_grants

MAX_POINTS_PER_CALL = 1000


def patrol_area(user) -> Node | None:
    """The deepest node on which ``user`` holds a role that lets them patrol."""
    grants = [g for g in user_scope(user).grants if role_grants(g.role, perms.PATROL)]
    if not grants:
        return None
    best = max(grants, key=lambda g: len(g.path))
    return Node.objects.filter(pk=best.node_id).first()


def _lock(patrol) -> Patrol:
    return Patrol.objects.select_for_update().select_related("node").get(pk=patrol.pk)


def _own(patrol, actor) -> None:
    if not (
        getattr(actor, "is_superuser", False) or patrol.inspector_id == getattr(actor, "pk", None)
    ):
        raise PermissionDenied(_("Only the inspector of this patrol may change it."))


def _set_computed_grids(patrol) -> None:
    if not patrol.grids_edited:
        patrol.grids.set(grids_on(patrol.route.get("coordinates") or []))


def patrol_start(*, actor, node=None, started_at=None) -> Patrol:
    """Start a patrol in ``node`` (by default the actor's own area). A second start while one
    of the actor's patrols is running returns that patrol (a double tap on a phone)."""
    node = node or patrol_area(actor)
    if node is None or not is_allowed(actor, perms.PATROL, node):
        raise PermissionDenied(_("You may not log patrols here."))
    now = timezone.now()
    started_at = started_at or now
    if timezone.is_naive(started_at) or started_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"started_at": _("Give a time with its zone, not in the future.")})
    with transaction.atomic():
        running = (
            Patrol.objects.select_for_update()
            .filter(inspector=actor, ended_at__isnull=True)
            .first()
        )
        if running is not None:
            return running
        patrol = Patrol.objects.create(
            inspector=actor,
            person=Person.objects.filter(user=actor).first(),
            node=node,
            started_at=started_at,
        )
        log_action("enforcement.patrol.started", actor=actor, obj=patrol, new={"node": node.code})
    return patrol


def patrol_add_points(*, patrol, actor, points) -> Patrol:
    """Append GPS points (``[[lon, lat], …]`` or ``[{"lon", "lat", "accuracy"?}, …]``) to a
    running patrol; points less accurate than 100 m are dropped. Grids follow the route."""
    if isinstance(points, (list, tuple)) and len(points) > MAX_POINTS_PER_CALL:
        raise ValidationError(
            {"points": _("At most %(n)d points at a time.") % {"n": MAX_POINTS_PER_CALL}}
        )
    if isinstance(points, (list, tuple)):
        points = [
            p for p in points if not (isinstance(p, dict) and _float(p.get("accuracy")) > 100)
        ]
    cleaned = clean_points(points)
    with transaction.atomic():
        locked = _lock(patrol)
        _own(locked, actor)
        if not locked.is_running:
            raise ValidationError({"points": _("This patrol has ended.")})
        coordinates = list(locked.route.get("coordinates") or []) + cleaned
        if len(coordinates) > MAX_ROUTE_POINTS:
            raise ValidationError(
                {"points": _("At most %(n)d points in a route.") % {"n": MAX_ROUTE_POINTS}}
            )
        locked.route = {"type": "LineString", "coordinates": coordinates}
        locked.point_count = len(coordinates)
        locked.version += 1
        locked.save(update_fields=["route", "point_count", "version"])
        if not locked.grids_edited and cleaned:
            # New points can only add grids: look up the new stretch (and its link to the old).
            tail = coordinates[-(len(cleaned) + 1) :]
            locked.grids.add(*grids_on(tail))
    return locked


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def patrol_set_route(*, patrol, actor, route) -> Patrol:
    """Replace the route with one drawn on the map (a GeoJSON LineString)."""
    coordinates = clean_line(route)
    with transaction.atomic():
        locked = _lock(patrol)
        _own(locked, actor)
        locked.route = {"type": "LineString", "coordinates": coordinates}
        locked.point_count = len(coordinates)
        locked.version += 1
        locked.save(update_fields=["route", "point_count", "version"])
        _set_computed_grids(locked)
        log_action(
            "enforcement.patrol.route_drawn",
            actor=actor,
            obj=locked,
            new={"points": len(coordinates)},
        )
    return locked


def patrol_set_grids(*, patrol, actor, grids) -> Patrol:
    """Correct the grids covered by hand; each must be a grid where the actor may patrol."""
    grids = list(grids)
    for grid in grids:
        if grid.level != Level.GRID:
            raise ValidationError({"grids": _("%(node)s is not a grid.") % {"node": grid}})
        if not is_allowed(actor, perms.PATROL, grid):
            raise ValidationError(
                {"grids": _("%(node)s is outside the area where you patrol.") % {"node": grid}}
            )
    with transaction.atomic():
        locked = _lock(patrol)
        _own(locked, actor)
        old = sorted(locked.grids.values_list("code", flat=True))
        locked.grids.set(grids)
        locked.grids_edited = True
        locked.version += 1
        locked.save(update_fields=["grids_edited", "version"])
        log_action(
            "enforcement.patrol.grids_edited",
            actor=actor,
            obj=locked,
            old={"grids": old},
            new={"grids": sorted(g.code for g in grids)},
        )
    return locked


def patrol_add_photos(*, patrol, actor, photos) -> list:
    """Add photos taken on the patrol (EXIF removed)."""
    processed = process_photos(photos)
    if not processed:
        raise ValidationError({"photos": _("Choose at least one photo.")})
    with files_guard(), transaction.atomic():
        locked = _lock(patrol)
        _own(locked, actor)
        stored = store_patrol_photos(patrol=locked, processed=processed, actor=actor)
        log_action(
            "enforcement.patrol.photos_added", actor=actor, obj=locked, data={"count": len(stored)}
        )
    return stored


def patrol_end(*, patrol, actor, notes: str = "", ended_at=None) -> Patrol:
    """End a running patrol with the inspector's notes."""
    notes = v.text(notes, "notes")
    with transaction.atomic():
        locked = _lock(patrol)
        _own(locked, actor)
        if not locked.is_running:
            raise ValidationError({"ended_at": _("This patrol has ended already.")})
        ended_at = ended_at or timezone.now()
        if ended_at < locked.started_at:
            raise ValidationError({"ended_at": _("A patrol cannot end before it started.")})
        locked.ended_at = ended_at
        if notes:
            locked.notes = notes
        locked.version += 1
        locked.save(update_fields=["ended_at", "notes", "version"])
        _set_computed_grids(locked)
        log_action(
            "enforcement.patrol.ended",
            actor=actor,
            obj=locked,
            new={"points": locked.point_count, "grids": locked.grids.count()},
        )
    return locked


def patrol_report_finding(
    *,
    patrol,
    actor,
    description: str,
    lat=None,
    lon=None,
    crs: str = "wgs84",
    photos=(),
    category=None,
    answers: dict | None = None,
    address: str = "",
    structure_type: str = StructureType.OTHER,
    area=None,
    party_name: str = "",
    open_structure: bool | None = None,
) -> PatrolFinding:
    """Log a finding on a patrol: it opens a case through the intake (channel *patrol*) linked
    to the patrol; for an illegal structure (the default category 私搭乱建) also the record.

    ``open_structure`` defaults to whether the category is the illegal-structure one; a record
    needs the structure type and the estimated area.
    """
    category = category or default_category()
    if category is None:
        raise ValidationError({"category": _("Choose a category from the list.")})
    if open_structure is None:
        open_structure = category.code == DEFAULT_CATEGORY_CODE
    if open_structure:
        structure_type = v.choice(structure_type, "structure_type", StructureType)
        area = v.area(area, "area")
    all_answers = dict(answers or {})
    if open_structure:
        for code, value in structure_answer_codes(category, structure_type, area).items():
            all_answers.setdefault(code, value)
    if patrol.inspector_id != getattr(actor, "pk", None) and not getattr(
        actor, "is_superuser", False
    ):
        raise PermissionDenied(_("Only the inspector of this patrol may log findings on it."))
    with transaction.atomic():
        locked = _lock(patrol)
        case = case_report(
            category=category,
            description=description,
            channel=Channel.PATROL,
            actor=actor,
            lat=lat,
            lon=lon,
            crs=crs,
            address=address,
            node=None if lat is not None else locked.node,
            photos=photos,
            answers=all_answers,
        )
        record = None
        if open_structure:
            if not is_allowed(actor, perms.REPORT, case.node):
                raise PermissionDenied(
                    _("You may not open records at %(node)s.") % {"node": case.node}
                )
            record = open_record(
                actor=actor,
                case=case,
                structure_type=structure_type,
                area_found=area,
                address=address or case.address or str(case.node),
                found_by=FoundBy.PATROL,
                party_name=party_name,
                description=case.description,
                patrol=locked,
            )
        finding = PatrolFinding.objects.create(patrol=locked, case=case, record=record)
        log_action(
            "enforcement.patrol.finding",
            actor=actor,
            obj=locked,
            data={"case": case.reference, "record": record.reference if record else None},
        )
    return finding
