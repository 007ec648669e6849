"""Nodes and the routing facts around them, cached per process (see ``gongzhi.core.hotcache``).

Nodes, parties and their bindings change rarely; the intake of every report reads the node a
point lies in, its chain up to the root and the party bound nearest up the tree. These reads
are kept for at most ``GONGZHI_CACHE_SECONDS`` and dropped at once in the process that writes
a node, a party or a binding.
"""

from __future__ import annotations

from gongzhi.core import hotcache
from gongzhi.org.models import Node, Party, PartyBinding

_nodes = hotcache.Memo("org.nodes")
_chains = hotcache.Memo("org.chains")
_bindings = hotcache.Memo("org.bindings")
_roots = hotcache.Memo("org.roots")

hotcache.watch(Node, Party, PartyBinding)


def node(pk: int) -> Node | None:
    """The node with ``pk`` (a copy the caller may change), or None."""
    found = _nodes.get(pk, lambda: Node.objects.filter(pk=pk).first(), cache_none=False)
    return hotcache.fresh(found)


def ancestor_paths(node_obj) -> tuple[str, ...]:
    step = node_obj.steplen
    return tuple(node_obj.path[: i * step] for i in range(1, node_obj.depth + 1))


def chain(node_obj) -> list[Node]:
    """The nodes from the root down to ``node_obj`` (read-only: shared by the process)."""
    paths = ancestor_paths(node_obj)
    return _chains.get(paths, lambda: list(Node.objects.filter(path__in=paths).order_by("depth")))


def nearest_binding(node_obj, force: str):
    """The active binding of a party of ``force`` nearest up from ``node_obj`` (deepest node,
    then party name), with its party and node, or None (read-only)."""
    paths = ancestor_paths(node_obj)

    def build():
        return (
            PartyBinding.objects.filter(
                node__path__in=paths, party__force=force, party__is_active=True
            )
            .select_related("party", "node")
            .order_by("-node__depth", "party__name", "party_id")
            .first()
        )

    return _bindings.get((paths, force), build)


def roots() -> list[Node]:
    """The root nodes (read-only)."""
    return _roots.get(None, lambda: list(Node.get_root_nodes()))
