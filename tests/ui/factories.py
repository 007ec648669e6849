"""A small 新胜社区 for page and browser tests: district → street → community → grids →
microgrids → buildings, with boundaries that nest."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.org.services import node_create
from tests.replay import Replayed


def box(lon: float, lat: float, width: float, height: float | None = None) -> dict:
    height = width if height is None else height
    ring = [[lon, lat], [lon + width, lat], [lon + width, lat + height], [lon, lat + height]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


@dataclass
class Tree:
    district: Node
    street: Node
    community: Node
    grids: list[Node] = field(default_factory=list)
    microgrids: list[Node] = field(default_factory=list)
    buildings: list[Node] = field(default_factory=list)


def _build_xinsheng(grids: int = 3, microgrids_per_grid: int = 3) -> Tree:
    """新胜社区 with ``grids`` grids of ``microgrids_per_grid`` microgrids, one building each."""
    lon, lat = 120.90, 32.00
    district = node_create(
        parent=None, level=Level.DISTRICT, name="崇川区", code="CC", boundary=box(lon, lat, 1)
    )
    street = node_create(
        parent=district,
        level=Level.STREET,
        name="崇川经济开发区",
        code="CC-KFQ",
        boundary=box(lon, lat, 0.5),
    )
    community = node_create(
        parent=street,
        level=Level.COMMUNITY,
        name="新胜社区",
        code="CC-KFQ-XS",
        boundary=box(lon, lat, 0.1 * grids, 0.1),
    )
    tree = Tree(district=district, street=street, community=community)
    step = 0.1 / microgrids_per_grid
    for g in range(grids):
        grid = node_create(
            parent=community,
            level=Level.GRID,
            name=f"第{g + 1}网格",
            code=f"CC-KFQ-XS-G{g + 1}",
            boundary=box(lon + 0.1 * g, lat, 0.1),
        )
        tree.grids.append(grid)
        for m in range(microgrids_per_grid):
            micro = node_create(
                parent=grid,
                level=Level.MICROGRID,
                name=f"第{g + 1}-{m + 1}微网格",
                code=f"CC-KFQ-XS-G{g + 1}-M{m + 1}",
                boundary=box(lon + 0.1 * g + step * m, lat, step, 0.1),
            )
            tree.microgrids.append(micro)
            tree.buildings.append(
                node_create(
                    parent=micro,
                    level=Level.BUILDING,
                    name=f"{g + 1}{m + 1}幢",
                    code=f"CC-KFQ-XS-G{g + 1}-M{m + 1}-B1",
                    boundary=box(lon + 0.1 * g + step * m + step / 4, lat + 0.01, step / 2, 0.02),
                )
            )
    for attr in ("district", "street", "community"):
        setattr(tree, attr, Node.objects.get(pk=getattr(tree, attr).pk))
    tree.grids = [Node.objects.get(pk=n.pk) for n in tree.grids]
    tree.microgrids = [Node.objects.get(pk=n.pk) for n in tree.microgrids]
    tree.buildings = [Node.objects.get(pk=n.pk) for n in tree.buildings]
    return tree


# Built through the services once per process, then replayed (tests/replay.py).
build_xinsheng = Replayed(_build_xinsheng)
