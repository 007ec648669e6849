"""Nodes and parties."""

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from gongzhi.api.schemas import ErrorOut
from gongzhi.org.access import require
from gongzhi.org.choices import Force, Level
from gongzhi.org.models import Node, Party

router = Router(tags=["org"])


class NodeOut(Schema):
    code: str
    name: str
    level: Level
    parent_code: str | None = None
    depth: int
    household_count: int
    population: int
    bbox: list[float] | None = Field(
        None, description="[min_lon, min_lat, max_lon, max_lat], WGS84"
    )


class NodeDetailOut(NodeOut):
    boundary: dict | None = Field(None, description="GeoJSON Polygon or MultiPolygon, WGS84")


class PartyOut(Schema):
    id: int
    name: str
    force: Force
    nodes: list[str] = Field(description="codes of the nodes the party serves")


def _parent_codes(nodes) -> dict[str, str]:
    """Codes of the parents of ``nodes``, fetched in one query."""
    parent_paths = {n.path[: -Node.steplen] for n in nodes if n.depth > 1}
    return dict(Node.objects.filter(path__in=parent_paths).values_list("path", "code"))


def _node_out(node: Node, parents: dict[str, str]) -> dict:
    return {
        "code": node.code,
        "name": node.name,
        "level": node.level,
        "parent_code": parents.get(node.path[: -Node.steplen]) if node.depth > 1 else None,
        "depth": node.depth,
        "household_count": node.household_count,
        "population": node.population,
        "bbox": list(node.bbox) if node.bbox else None,
    }


def _visible_root(request, node: Node) -> None:
    require(request.user, "org.view_node", node)


@router.get(
    "/nodes",
    response={200: list[NodeOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def list_nodes(
    request,
    parent: str | None = None,
    level: Level | None = None,
    limit: int = Query(500, ge=1, le=5000),
):
    """Nodes below ``parent`` (its whole subtree, or only one ``level`` of it)."""
    if parent:
        root = get_object_or_404(Node, code=parent)
        _visible_root(request, root)
        qs = Node.objects.subtree_of(root, include_self=False)
    else:
        roots = list(Node.get_root_nodes())
        for root in roots:
            _visible_root(request, root)
        qs = Node.objects.all()
    if level:
        qs = qs.filter(level=level)
    nodes = list(qs.defer("boundary")[:limit])
    parents = _parent_codes(nodes)
    return [_node_out(n, parents) for n in nodes]


@router.get(
    "/nodes/{code}", response={200: NodeDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def get_node(request, code: str):
    """One node with its boundary."""
    node = get_object_or_404(Node, code=code)
    _visible_root(request, node)
    out = _node_out(node, _parent_codes([node]))
    out["boundary"] = node.boundary
    return out


@router.get(
    "/parties",
    response={200: list[PartyOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def list_parties(request, force: Force | None = None, node: str | None = None):
    """Parties of the six forces; with ``node``, those serving that node or any node above it."""
    qs = Party.objects.filter(is_active=True).prefetch_related("nodes")
    if node:
        target = get_object_or_404(Node, code=node)
        _visible_root(request, target)
        qs = qs.filter(nodes__in=target.ancestors(include_self=True)).distinct()
    else:
        for root in Node.get_root_nodes():
            _visible_root(request, root)
    if force:
        qs = qs.filter(force=force)
    return [
        {"id": p.id, "name": p.name, "force": p.force, "nodes": [n.code for n in p.nodes.all()]}
        for p in qs
    ]
