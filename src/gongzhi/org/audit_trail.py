"""Reading the audit log in the staff pages, scoped by the access chokepoint.

An audit entry names its object by type and id. An entry is in a user's reach when its object
lies in a subtree where the user holds ``org.view_audit``: a node of that subtree, or an object
of any model that declares ``scope_node_field`` (a case, a record, a photo…) whose node lies
there. Entries about objects that belong to no node (users, categories, settings) are shown
only to those who hold the permission on a whole district (a root of the tree) and to
superusers.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass

from django.apps import apps
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from gongzhi.core.models import AuditEntry
from gongzhi.org.access import subtree_q, user_scope
from gongzhi.org.models import Node

VIEW_AUDIT = "org.view_audit"
EXPORT_MAX = 50_000
NODE_LABEL = "org.node"


def scoped_models() -> list:
    """Every model placed in the tree (``scope_node_field``), by its audit label."""
    found = []
    for model in apps.get_models():
        field = getattr(model, "scope_node_field", None)
        if field and not model._meta.proxy:
            found.append(model)
    return found


def _ids(queryset):
    return queryset.annotate(_audit_id=Cast("pk", output_field=CharField())).values("_audit_id")


def _in_subtrees(paths: list[str], *, unplaced: bool) -> Q:
    q = Q(object_type=NODE_LABEL, object_id__in=_ids(Node.objects.filter(subtree_q("", paths))))
    labels = [NODE_LABEL]
    for model in scoped_models():
        label = model._meta.label_lower
        labels.append(label)
        placed = model._base_manager.filter(subtree_q(model.scope_node_field, paths))
        q |= Q(object_type=label, object_id__in=_ids(placed))
    if unplaced:
        q |= ~Q(object_type__in=labels)
    return q


def audit_paths(user) -> list[str] | None:
    """The subtrees whose audit ``user`` may read; None for everywhere (a superuser)."""
    scope = user_scope(user)
    if scope.is_global:
        return None
    return scope.paths_for(VIEW_AUDIT)


def may_read_audit(user) -> bool:
    paths = audit_paths(user)
    return paths is None or bool(paths)


def audit_node(user, code: str) -> Node:
    """A node whose audit ``user`` may read; 404 when missing or outside their reach."""
    paths = audit_paths(user)
    node = Node.objects.filter(code=code).first()
    if node is None or (paths is not None and not any(node.path.startswith(p) for p in paths)):
        raise Http404
    return node


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    actor: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    object_type: str = ""
    object_id: str = ""


def _record_in_reach(object_type: str, object_id: str, paths: list[str] | None) -> None:
    """404 unless the named record exists and lies in the user's reach."""
    if object_type == NODE_LABEL:
        model, field = Node, ""
    else:
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError) as exc:
            raise Http404 from exc
        field = getattr(model, "scope_node_field", None)
    try:
        queryset = model._base_manager.filter(pk=object_id)
        if paths is not None:
            if field is None:
                if not any(len(p) == Node.steplen for p in paths):
                    raise Http404
            else:
                queryset = queryset.filter(subtree_q(field, paths))
        exists = queryset.exists()
    except (ValueError, TypeError) as exc:
        raise Http404 from exc
    if not exists:
        raise Http404


def audit_entries(user, *, node: Node | None = None, filters: AuditFilter | None = None):
    """The entries ``user`` may read, newest first, narrowed to ``node``'s subtree and by
    ``filters``; raises 404 for a named record outside their reach."""
    filters = filters or AuditFilter()
    paths = audit_paths(user)
    qs = AuditEntry.objects.select_related("actor")
    if node is not None:
        qs = qs.filter(_in_subtrees([node.path], unplaced=False))
    elif paths is not None:
        qs = qs.filter(_in_subtrees(paths, unplaced=any(len(p) == Node.steplen for p in paths)))
    if filters.object_type and filters.object_id:
        _record_in_reach(filters.object_type, filters.object_id, [node.path] if node else paths)
        qs = qs.filter(object_type=filters.object_type, object_id=filters.object_id)
    if filters.action:
        qs = qs.filter(action__icontains=filters.action)
    if filters.actor:
        qs = qs.filter(actor__username__icontains=filters.actor)
    zone = timezone.get_current_timezone()
    if filters.since:
        start = dt.datetime.combine(filters.since, dt.time.min, tzinfo=zone)
        qs = qs.filter(created_at__gte=start)
    if filters.until:
        end = dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        qs = qs.filter(created_at__lt=end)
    return qs.order_by("-created_at", "-id")


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


EXPORT_HEADER = ["time", "actor", "action", "object_type", "object_id", "object", "request_id"]


def write_csv(entries, out) -> int:
    """Write up to ``EXPORT_MAX`` entries as CSV (UTF-8 with BOM, so Excel reads the Chinese)."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([*EXPORT_HEADER, "data"])
    count = 0
    for entry in entries[:EXPORT_MAX].iterator(chunk_size=2000):
        writer.writerow(
            [
                _cell(timezone.localtime(entry.created_at).isoformat(timespec="seconds")),
                _cell(entry.actor.get_username() if entry.actor_id else ""),
                _cell(entry.action),
                _cell(entry.object_type),
                _cell(entry.object_id),
                _cell(entry.object_repr),
                _cell(entry.request_id),
                _cell(json.dumps(entry.data, ensure_ascii=False, sort_keys=True)),
            ]
        )
        count += 1
    return count
