"""The slow, obvious answer the routing index must agree with."""

import numpy as np
import shapely
from shapely.geometry import shape

from gongzhi.org.models import Node


def boundaries():
    """(id, path, depth, geometry) of every node with a boundary, parsed independently."""
    rows = Node.objects.with_boundary().values_list("pk", "path", "depth", "boundary")
    return [(pk, path, depth, shape(boundary)) for pk, path, depth, boundary in rows]


def brute_force(points, rows=None):
    """Node id per point: covers over every boundary, deepest wins, then smallest path."""
    rows = boundaries() if rows is None else rows
    geometries = np.array([row[3] for row in rows], dtype=object)
    answers = []
    for lon, lat in points:
        covering = np.flatnonzero(shapely.covers(geometries, shapely.Point(lon, lat)))
        if covering.size == 0:
            answers.append(None)
            continue
        winner = min((rows[i] for i in covering), key=lambda row: (-row[2], row[1]))
        answers.append(winner[0])
    return answers


def vertices(rows):
    """Every vertex of every boundary: the points most likely to sit on shared edges."""
    found = set()
    for row in rows:
        found.update(map(tuple, shapely.get_coordinates(row[3]).tolist()))
    return sorted(found)
