"""Writing a checked GeoJSON tree: new nodes are created, existing ones (by code) updated."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from gongzhi.core.audit import log_action
from gongzhi.org import services
from gongzhi.org.io.geojson_checks import FeaturePlan
from gongzhi.org.io.geojson_read import load_features
from gongzhi.org.io.geojson_validate import TreePlan, validate_features
from gongzhi.org.io.problems import ImportRejected
from gongzhi.org.models import Node


@dataclass
class TreeImportSummary:
    """What an import did (or, for a dry run, would do)."""

    features: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False


def _changes(plan: FeaturePlan, node: Node) -> dict:
    changes = {}
    if plan.name != node.name:
        changes["name"] = plan.name
    for key in ("household_count", "population"):
        value = getattr(plan, key)
        if value is not None and value != getattr(node, key):
            changes[key] = value
    return changes


def _apply(plan: TreePlan, actor) -> TreeImportSummary:
    summary = TreeImportSummary(features=len(plan.features))
    current: dict[str, Node] = {}
    for feature in plan.features:
        parent = current.get(feature.parent_code) or plan.existing.get(feature.parent_code)
        node = plan.existing.get(feature.code)
        try:
            if node is None:
                node = services.node_create(
                    parent=parent,
                    level=feature.level,
                    name=feature.name,
                    code=feature.code,
                    boundary=feature.boundary,
                    household_count=feature.household_count or 0,
                    population=feature.population or 0,
                    actor=actor,
                )
                summary.created += 1
            else:
                changes = _changes(feature, node)
                boundary_changed = node.boundary != feature.boundary
                if changes:
                    node = services.node_update(node=node, actor=actor, **changes)
                if boundary_changed:
                    node = services.node_set_boundary(
                        node=node, boundary=feature.boundary, actor=actor
                    )
                if changes or boundary_changed:
                    summary.updated += 1
                else:
                    summary.unchanged += 1
        except ValidationError as exc:
            # Something changed in the tree since the checks ran (another import, an edit).
            plan.problems.add(feature.position, "code", " ".join(exc.messages), feature.code)
            raise ImportRejected(plan.problems) from exc
        current[feature.code] = node
    return summary


def import_tree(
    *, features: list, actor=None, scoped: bool = False, dry_run: bool = False, source: str = ""
) -> TreeImportSummary:
    """Check every feature, then write them all in one transaction, or raise ``ImportRejected``.

    With ``scoped``, every node must lie in an area where ``actor`` holds ``org.import``.
    A dry run checks and counts but writes nothing.
    """
    plan = validate_features(features, user=actor if scoped else None)
    if plan.problems:
        raise ImportRejected(plan.problems)
    if dry_run:
        summary = TreeImportSummary(features=len(plan.features), dry_run=True)
        for feature in plan.features:
            node = plan.existing.get(feature.code)
            if node is None:
                summary.created += 1
            elif _changes(feature, node) or node.boundary != feature.boundary:
                summary.updated += 1
            else:
                summary.unchanged += 1
        return summary
    with transaction.atomic():
        summary = _apply(plan, actor)
        log_action(
            "org.tree.imported",
            actor=actor,
            data={
                "source": source,
                "features": summary.features,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
            },
        )
    return summary


def import_tree_file(*, raw: bytes, **kwargs) -> TreeImportSummary:
    """``import_tree`` on the bytes of a GeoJSON file (raises ``FileRefused`` when unreadable)."""
    return import_tree(features=load_features(raw), **kwargs)
