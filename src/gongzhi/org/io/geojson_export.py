"""The org tree as a GeoJSON FeatureCollection, one Feature per node, parents first.

Each Feature's geometry is the node's boundary (or null); its properties are ``level``,
``code``, ``name``, ``parent_code``, ``household_count`` and ``population``. The output is
streamed feature by feature so that a city's tree never sits in memory as one string.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from gongzhi.org.models import Node

FIELDS = ("path", "depth", "level", "code", "name", "household_count", "population", "boundary")
CHUNK = 2000


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _parent_code(node: Node) -> str | None:
    if node.depth <= 1:
        return None
    return Node.objects.filter(path=node.path[: -node.steplen]).values_list("code", flat=True)[0]


def iter_features(roots: Iterable[Node]) -> Iterator[dict]:
    """Features of the subtrees under ``roots`` (disjoint), each subtree in path order."""
    steplen = Node.steplen
    for root in roots:
        codes_by_path = {root.path[:-steplen]: _parent_code(root)} if root.depth > 1 else {}
        rows = (
            Node.objects.filter(path__startswith=root.path)
            .order_by("path")
            .values(*FIELDS)
            .iterator(chunk_size=CHUNK)
        )
        for row in rows:
            codes_by_path[row["path"]] = row["code"]
            parent_code = codes_by_path.get(row["path"][:-steplen]) if row["depth"] > 1 else None
            yield {
                "type": "Feature",
                "geometry": row["boundary"],
                "properties": {
                    "level": row["level"],
                    "code": row["code"],
                    "name": row["name"],
                    "parent_code": parent_code,
                    "household_count": row["household_count"],
                    "population": row["population"],
                },
            }


def iter_geojson_text(roots: Iterable[Node]) -> Iterator[str]:
    """The FeatureCollection as text pieces, for a streaming response or a file."""
    yield '{"type":"FeatureCollection","features":['
    for index, feature in enumerate(iter_features(roots)):
        yield ("," if index else "") + "\n" + _dumps(feature)
    yield "\n]}\n"


def export_tree(roots: Iterable[Node] | None = None) -> dict:
    """The FeatureCollection as a dict; every root of the tree when ``roots`` is None."""
    if roots is None:
        roots = Node.objects.get_root_nodes()
    return {"type": "FeatureCollection", "features": list(iter_features(roots))}


def roots_for_paths(paths: list[str]) -> list[Node]:
    """The nodes at ``paths`` (already disjoint subtrees), in path order."""
    return list(Node.objects.filter(path__in=paths).order_by("path"))
