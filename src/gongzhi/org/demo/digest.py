"""Fingerprints of the demo: of the plan, and of what the database holds, in the same shape.

Equal digests mean the database holds exactly the planned places (codes, names, levels,
parents, boundaries), households and residents.
"""

from __future__ import annotations

import hashlib
import json

from gongzhi.org.demo.plan import DemoPlan
from gongzhi.org.models import Household, Node, Person


def digest(rows) -> str:
    """A stable hash of JSON-able rows."""
    text = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def plan_digest(plan: DemoPlan) -> str:
    return digest(
        {
            "nodes": sorted([n.code, n.parent, n.level, n.name, n.boundary] for n in plan.nodes),
            "households": sorted([h.building, h.unit, h.address] for h in plan.households),
            "people": sorted(
                [p.id_number, p.name, p.gender, p.birth_date.isoformat(), p.phone]
                for h in plan.households
                for p in h.members
            ),
        }
    )


def database_digest(plan: DemoPlan) -> str:
    """The same fingerprint, read from the database for the plan's nodes and buildings."""
    nodes = list(Node.objects.filter(code__in=[n.code for n in plan.nodes]))
    code_at = {node.path: node.code for node in nodes}
    buildings = [node for node in nodes if node.code in {b.code for b in plan.buildings}]
    households = Household.objects.filter(building__in=buildings).select_related("building")
    people = Person.objects.filter(node__in=buildings, household__isnull=False)
    return digest(
        {
            "nodes": sorted(
                [
                    n.code,
                    code_at.get(n.path[: -Node.steplen]),
                    n.level,
                    n.name,
                    n.boundary,
                ]
                for n in nodes
            ),
            "households": sorted([h.building.code, h.unit, h.address] for h in households),
            "people": sorted(
                [p.id_number, p.name, p.gender, p.birth_date.isoformat(), p.phone] for p in people
            ),
        }
    )
