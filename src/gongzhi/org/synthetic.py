"""A large synthetic district, written in bulk, for load checks, benchmarks and tests.

It bypasses the services on purpose (10,000 ``node_create`` calls would take minutes): no
boundary checks against the parent, no audit entries. Never use it for real data. The rows it
writes are what the services would write (treebeard paths with ``steplen`` 4, child counts,
bounding boxes) and it bumps the boundary stamp so that point→grid indexes rebuild.

Layout: a district rectangle split into vertical street strips, each split into community
blocks, each tiled by ``cols × rows / blocks`` grid cells. Cells are quadrilaterals on a
jittered lattice, so neighbours share edges exactly and nothing overlaps. Lattice points on a
block border only slide along it, so streets and communities stay plain rectangles.
"""

from __future__ import annotations

import random

from django.db import transaction

from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.org.services import bump_boundary_version

# Jitter of at most 0.2 cell per axis keeps every quadrilateral convex.
MAX_JITTER = 0.2


def _rectangle(x0, y0, x1, y1) -> dict:
    ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    return {"type": "Polygon", "coordinates": [ring]}


def _lattice(xs, ys, x_fixed, y_fixed, jitter, rng):
    """Jittered lattice points; columns in ``x_fixed`` keep x, rows in ``y_fixed`` keep y."""
    dx_max = jitter * (xs[1] - xs[0])
    dy_max = jitter * (ys[1] - ys[0])
    outer_x = {0, len(xs) - 1}
    outer_y = {0, len(ys) - 1}
    points = {}
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            # The district's outline stays straight in both directions.
            dx = 0.0 if i in x_fixed or j in outer_y else rng.uniform(-dx_max, dx_max)
            dy = 0.0 if j in y_fixed or i in outer_x else rng.uniform(-dy_max, dy_max)
            points[i, j] = [x + dx, y + dy]
    return points


def _node(path, depth, numchild, level, code, boundary) -> Node:
    ring = boundary["coordinates"][0]
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return Node(
        path=path,
        depth=depth,
        numchild=numchild,
        level=level,
        name=f"{code} {level}",
        code=code,
        boundary=boundary,
        min_lon=min(lons),
        min_lat=min(lats),
        max_lon=max(lons),
        max_lat=max(lats),
    )


def _cells(lattice, path, code, i_range, j_range) -> list[Node]:
    """The grid cells of one community block, in row-major order."""
    cells = []
    for j in j_range:
        for i in i_range:
            ring = [lattice[i, j], lattice[i + 1, j], lattice[i + 1, j + 1], lattice[i, j + 1]]
            boundary = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
            step = len(cells) + 1
            cells.append(
                _node(Node._get_path(path, 4, step), 4, 0, Level.GRID, f"{code}-G{step}", boundary)
            )
    return cells


def build_synthetic_district(
    *,
    cols: int = 100,
    rows: int = 100,
    streets: int = 2,
    communities_per_street: int = 2,
    origin: tuple[float, float] = (120.80, 31.95),
    cell: float = 0.0005,
    jitter: float = MAX_JITTER,
    seed: int = 0,
    code: str = "SYN",
) -> Node:
    """Write a district of ``cols × rows`` grid cells under a few streets and communities.

    Returns the district (a new root). ``cols`` must divide by ``streets`` and ``rows`` by
    ``communities_per_street``.
    """
    if cols % streets or rows % communities_per_street:
        raise ValueError("cols must divide by streets and rows by communities_per_street.")
    if not 0 <= jitter <= MAX_JITTER:
        raise ValueError(f"jitter must lie within 0..{MAX_JITTER}.")
    per_street = communities_per_street
    strip, block = cols // streets, rows // per_street
    xs = [origin[0] + i * cell for i in range(cols + 1)]
    ys = [origin[1] + j * cell for j in range(rows + 1)]
    x_fixed = set(range(0, cols + 1, strip))
    y_fixed = set(range(0, rows + 1, block))
    lattice = _lattice(xs, ys, x_fixed, y_fixed, jitter, random.Random(seed))

    with transaction.atomic():
        outline = _rectangle(xs[0], ys[0], xs[-1], ys[-1])
        district = Node.objects.add_root(
            instance=_node(None, 1, streets, Level.DISTRICT, code, outline)
        )
        nodes = []
        for s in range(streets):
            s_path, s_code = Node._get_path(district.path, 2, s + 1), f"{code}-S{s + 1}"
            i_range = range(s * strip, (s + 1) * strip)
            outline = _rectangle(xs[i_range[0]], ys[0], xs[i_range[-1] + 1], ys[-1])
            nodes.append(_node(s_path, 2, per_street, Level.STREET, s_code, outline))
            for c in range(per_street):
                c_path, c_code = Node._get_path(s_path, 3, c + 1), f"{s_code}-C{c + 1}"
                j_range = range(c * block, (c + 1) * block)
                outline = _rectangle(
                    xs[i_range[0]], ys[j_range[0]], xs[i_range[-1] + 1], ys[j_range[-1] + 1]
                )
                nodes.append(_node(c_path, 3, strip * block, Level.COMMUNITY, c_code, outline))
                nodes.extend(_cells(lattice, c_path, c_code, i_range, j_range))
        Node.objects.bulk_create(nodes, batch_size=2000)
        bump_boundary_version()
    return district
