"""Write the planned places through ``org.services.node_create`` (validated, audited)."""

from __future__ import annotations

from gongzhi.org.demo.plan import DemoPlan
from gongzhi.org.demo.run import DemoRun
from gongzhi.org.models import Node
from gongzhi.org.services import node_create


def write_nodes(run: DemoRun, plan: DemoPlan) -> dict[str, Node]:
    """Create every planned node that does not exist yet (by code); return code → Node.

    Parents come before children in the plan, so each child's boundary is checked against its
    parent's by the service.
    """
    nodes = {node.code: node for node in Node.objects.filter(code__in=[n.code for n in plan.nodes])}
    for planned in plan.nodes:
        if planned.code in nodes:
            continue
        nodes[planned.code] = node_create(
            parent=nodes[planned.parent] if planned.parent else None,
            level=planned.level,
            name=planned.name,
            code=planned.code,
            boundary=planned.boundary,
            household_count=planned.household_count,
            population=planned.population,
        )
        run.count("nodes")
    run.nodes.update(nodes)
    return nodes
