"""Point → node routing: which grid (or deeper node) a location lies in.

Each process keeps one index of every node that has a boundary: a shapely ``STRtree`` over the
boundaries plus arrays of the nodes' ids, paths, depths, codes and levels. The index remembers
the boundary stamp (``BoundaryStamp``: version and time of the last change) it was built from.
:func:`get_index` reads the stamp (one small query) at most once per ``GONGZHI_CACHE_SECONDS``
and rebuilds the index when the stamp has moved: a boundary changed through ``org.services`` is
seen by the process that changed it on its next lookup (the bump expires the check) and by
every other process within ``GONGZHI_CACHE_SECONDS``. Rebuilds take a lock, so concurrent
threads build once.

The rule for a point: among the nodes whose boundary *covers* it (inside or on the edge), the
deepest wins; among equally deep ones, the one with the smallest ``path`` (the first in tree
order, i.e. the one created first among siblings). A point on the edge two grids share thus
always goes to the same grid.

Lookups answer :class:`Located` (id, code, level, path, depth and a ``.node`` accessor that
loads the full row on first use), not ``Node``: names can change without a boundary change, so
the index holds nothing that could go stale (``.node`` comes from ``org.cached``).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely
from django.db.models import TextField
from django.db.models.functions import Cast

from gongzhi.core import hotcache
from gongzhi.org.coords import WGS84, normalise_crs, to_wgs84
from gongzhi.org.models import BoundaryStamp, Node

logger = logging.getLogger(__name__)

# Points inside a boundary or on its edge; shapely evaluates predicate(point, boundary).
PREDICATE = "covered_by"


@dataclass(frozen=True)
class Located:
    """The node a point lies in; ``.node`` is the full ``Node`` (from the per-process node
    cache, ``gongzhi.org.cached``: a query only when it is not cached yet)."""

    id: int
    code: str
    level: str
    path: str
    depth: int

    @cached_property
    def node(self) -> Node:
        from gongzhi.org import cached

        found = cached.node(self.id)
        if found is None:
            raise Node.DoesNotExist(f"Node {self.id} does not exist.")
        return found


class RoutingIndex:
    """An immutable spatial index over node boundaries, built from one stamp's state.

    Entries are sorted deepest first, then by path, so the winner among the boundaries that
    cover a point is simply the one at the lowest position. A lookup asks the tree for every
    boundary that covers the point (inside or on the edge) and takes the lowest.
    """

    def __init__(self, key, rows: list[tuple], geometries: list):
        self.key = key
        self.ids = np.array([row[0] for row in rows], dtype=np.int64)
        self.paths = [row[1] for row in rows]
        self.depths = [row[2] for row in rows]
        self.codes = [row[3] for row in rows]
        self.levels = [row[4] for row in rows]
        self.geometries = np.array(geometries, dtype=object)
        # The boundaries are deliberately not prepared (shapely.prepare): prepared GEOS
        # geometries build their edge index lazily and are not thread-safe (GEOS issue 825),
        # and this index is shared by every thread of the process while shapely runs
        # without the GIL.
        self.tree = shapely.STRtree(self.geometries)
        # ids by position, with None at the end for "no node": locate_many's lookup table.
        self._id_table = np.array([*self.ids.tolist(), None], dtype=object)

    def __len__(self) -> int:
        return len(self.paths)

    def located(self, position: int) -> Located:
        return Located(
            id=int(self.ids[position]),
            code=self.codes[position],
            level=self.levels[position],
            path=self.paths[position],
            depth=self.depths[position],
        )

    def locate(self, lon, lat, *, crs: str = WGS84) -> Located | None:
        """The deepest node covering the point, or None when no boundary covers it."""
        lon, lat = to_wgs84(lon, lat, crs)
        hits = self.tree.query(shapely.Point(lon, lat), predicate=PREDICATE)
        return self.located(int(hits.min())) if hits.size else None

    def positions(self, xy: np.ndarray) -> np.ndarray:
        """For an (n, 2) array of WGS84 points, each one's winning position or ``len(self)``."""
        best = np.full(len(xy), len(self), dtype=np.intp)
        if len(xy) and len(self):
            point_idx, tree_idx = self.tree.query(shapely.points(xy), predicate=PREDICATE)
            np.minimum.at(best, point_idx, tree_idx)
        return best

    def locate_many(self, points, *, crs: str = WGS84) -> list[int | None]:
        """Node ids (or None) for a sequence of ``(lon, lat)`` pairs, in one bulk query."""
        xy = _points_array(points, crs)
        return self._id_table[self.positions(xy)].tolist()


def _points_array(points, crs: str) -> np.ndarray:
    system = normalise_crs(crs)
    try:
        xy = np.asarray(points, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("Points must be a sequence of (longitude, latitude) numbers.") from None
    if xy.size == 0:
        return np.empty((0, 2))
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError("Points must be a sequence of (longitude, latitude) pairs.")
    bad = ~(np.isfinite(xy).all(axis=1) & (np.abs(xy[:, 0]) <= 180) & (np.abs(xy[:, 1]) <= 90))
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(
            f"Point {i} ({xy[i, 0]!r}, {xy[i, 1]!r}) is not a longitude within ±180 and a "
            "latitude within ±90."
        )
    if system != WGS84:
        xy = np.array([to_wgs84(lon, lat, system) for lon, lat in xy.tolist()])
    return xy


def current_key():
    """The boundary stamp as the index compares it: (version, time of the last change)."""
    row = BoundaryStamp.objects.filter(pk=1).values_list("version", "changed_at").first()
    return tuple(row) if row else (0, None)


def build_index(key=None) -> RoutingIndex:
    """Build a fresh index from the database (not cached; :func:`get_index` caches)."""
    if key is None:
        key = current_key()
    rows = sorted(
        Node.objects.with_boundary()
        .order_by()
        .values_list("pk", "path", "depth", "code", "level", Cast("boundary", TextField())),
        key=lambda row: (-row[2], row[1]),
    )
    geometries = shapely.from_geojson([row[5] for row in rows], on_invalid="ignore")
    usable = [g is not None and not g.is_empty for g in geometries]
    if not all(usable):
        skipped = [row[3] for row, ok in zip(rows, usable, strict=True) if not ok]
        logger.warning("Routing skips nodes whose stored boundary is unreadable: %s", skipped)
    kept = [(row, geom) for row, geom, ok in zip(rows, geometries, usable, strict=True) if ok]
    return RoutingIndex(key, [row for row, _g in kept], [geom for _r, geom in kept])


_lock = threading.Lock()
_index: RoutingIndex | None = None
# The stamp is read at most once per GONGZHI_CACHE_SECONDS, and at once after a boundary
# change made in this process (bump_boundary_version expires the check).
_stamp_check = hotcache.StampCheck()


def expire_stamp_check() -> None:
    """Read the stamp on the next lookup (this process changed boundaries)."""
    _stamp_check.expire()


def get_index() -> RoutingIndex:
    """This process's index: no query while the stamp was checked in the last
    ``GONGZHI_CACHE_SECONDS``; otherwise one stamp query, and a rebuild when it has moved."""
    global _index
    index = _index
    if index is not None and not _stamp_check.due():
        return index
    checked_at = hotcache.clock()
    key = current_key()
    if index is not None and index.key == key:
        _stamp_check.checked(checked_at)
        return index
    with _lock:
        # Another thread may have rebuilt while this one waited: re-read the stamp so that
        # the waiters take that index instead of building again. The stamp is always read
        # before the rows, so an index never claims a newer stamp than its rows reflect.
        key = current_key()
        if _index is None or _index.key != key:
            _index = build_index(key)
        _stamp_check.checked(checked_at)
        return _index


def locate(lon, lat, *, crs: str = WGS84) -> Located | None:
    """The deepest node whose boundary covers ``(lon, lat)`` (given in ``crs``), or None."""
    return get_index().locate(lon, lat, crs=crs)


def locate_many(points, *, crs: str = WGS84) -> list[int | None]:
    """Node ids (None where nothing covers the point) for many ``(lon, lat)`` pairs."""
    return get_index().locate_many(points, crs=crs)


def locate_path(lon, lat, *, crs: str = WGS84) -> list[Node]:
    """The nodes from the root down to the deepest one covering the point; [] when none."""
    found = locate(lon, lat, crs=crs)
    if found is None:
        return []
    step = Node.steplen
    paths = [found.path[: step * depth] for depth in range(1, found.depth + 1)]
    return list(Node.objects.filter(path__in=paths).order_by("depth"))
