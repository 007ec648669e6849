"""The demo's places as data: every node with its code, name and boundary, parents first.

``plan_layout()`` touches no database; the writers in ``nodes.py`` turn its output into nodes
through the org services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from shapely.geometry import Point, Polygon

from gongzhi.org.choices import Level
from gongzhi.org.demo import geometry as geo
from gongzhi.org.demo import places

# How many buildings a microgrid of the compound holds (1–3), and how likely each count is.
BUILDINGS_PER_MICROGRID = ((1, 0.45), (2, 0.4), (3, 0.15))
# A community's outline keeps this far inside its street's (metres), so shared edges stay clean.
STREET_MARGIN_M = 25.0


def rng_for(*parts: str) -> random.Random:
    """A random stream of its own for each part of the plan, so parts do not shift each other."""
    return random.Random("gongzhi-demo|" + "|".join(parts))


@dataclass(frozen=True)
class PlannedNode:
    code: str
    parent: str | None
    level: str
    name: str
    boundary: dict
    household_count: int = 0
    population: int = 0


@dataclass(frozen=True)
class PlannedBuilding:
    """A residential building of the compound; the residents plan fills it with households."""

    code: str
    name: str
    units: int
    floors: int
    microgrid: str
    grid: str


def _estimate(rng: random.Random, base: dict, share: float = 1.0) -> dict:
    factor = rng.uniform(0.75, 1.25) * share
    return {key: int(value * factor) for key, value in base.items()}


def _community_outline(community: places.Community, street_cell) -> Polygon:
    rng = rng_for("outline", places.community_code(community))
    outline = geo.blob(community.center, community.radius_m, rng)
    inside = street_cell.buffer(-STREET_MARGIN_M / geo.M_PER_DEG_LAT)
    clipped = geo.largest_part(outline.intersection(inside))
    if clipped.area < 0.6 * outline.area:
        raise ValueError(f"{community.name} does not lie inside its street's cell")
    return geo.polygonal(clipped)


def _compound(community_code: str, grid_code: str, grid_shape, nodes, buildings) -> None:
    rng = rng_for("microgrids", grid_code)
    cells = geo.partition(grid_shape, places.XINSHENG_MICROGRIDS_PER_GRID, rng)
    counts, weights = zip(*BUILDINGS_PER_MICROGRID, strict=True)
    for number, cell in enumerate(cells, start=1):
        mg_code = places.microgrid_code(grid_code, number)
        nodes.append(
            PlannedNode(
                mg_code, grid_code, Level.MICROGRID, f"{number}号微网格", geo.to_geojson(cell)
            )
        )
        count = rng.choices(counts, weights=weights)[0]
        for k, footprint in enumerate(geo.footprints(cell, count), start=1):
            seq = len(buildings) + 1
            code = places.building_code(mg_code, k)
            name = f"{places.COMPOUND_NAME}{seq}幢"
            units, floors = (2, 6) if count == 1 else (1, 6) if count == 2 else (1, 5)
            nodes.append(
                PlannedNode(code, mg_code, Level.BUILDING, name, geo.to_geojson(footprint))
            )
            buildings.append(PlannedBuilding(code, name, units, floors, mg_code, grid_code))


def plan_layout() -> tuple[list[PlannedNode], list[PlannedBuilding]]:
    """All nodes of the demo district (parents before children) and the compound's buildings."""
    district = geo.polygonal(Polygon(places.DISTRICT_OUTLINE))
    nodes = [
        PlannedNode(
            places.DISTRICT_CODE,
            None,
            Level.DISTRICT,
            places.DISTRICT_NAME,
            geo.to_geojson(district),
            **places.DISTRICT_ESTIMATE,
        )
    ]
    buildings: list[PlannedBuilding] = []
    seeds = [Point(*street.seed) for street in places.STREETS]
    cells = dict(
        zip(
            (street.slug for street in places.STREETS),
            (geo.polygonal(geo.largest_part(c)) for c in geo.voronoi_cells(district, seeds)),
            strict=True,
        )
    )
    communities = {c.street: c for c in places.COMMUNITIES}
    for street in places.STREETS:
        if not street.built:
            continue
        s_code = places.street_code(street.slug)
        rng = rng_for("estimate", s_code)
        nodes.append(
            PlannedNode(
                s_code,
                places.DISTRICT_CODE,
                Level.STREET,
                street.name,
                geo.to_geojson(cells[street.slug]),
                **_estimate(rng, places.STREET_ESTIMATE),
            )
        )
        community = communities[street.slug]
        c_code = places.community_code(community)
        outline = _community_outline(community, cells[street.slug])
        is_compound = c_code == places.XINSHENG_CODE
        estimate = {} if is_compound else _estimate(rng, places.COMMUNITY_ESTIMATE)
        nodes.append(
            PlannedNode(
                c_code, s_code, Level.COMMUNITY, community.name, geo.to_geojson(outline), **estimate
            )
        )
        grid_shapes = geo.partition(outline, community.grids, rng_for("grids", c_code))
        for number, grid_shape in enumerate(grid_shapes, start=1):
            g_code = places.grid_code(c_code, number)
            share = 1 / community.grids
            grid_estimate = {} if is_compound else _estimate(rng, estimate, share)
            nodes.append(
                PlannedNode(
                    g_code,
                    c_code,
                    Level.GRID,
                    places.grid_name(number),
                    geo.to_geojson(grid_shape),
                    **grid_estimate,
                )
            )
            if is_compound:
                _compound(c_code, g_code, grid_shape, nodes, buildings)
            elif community.buildings_per_grid:
                footprints = geo.footprints(grid_shape, community.buildings_per_grid)
                for k, footprint in enumerate(footprints, start=1):
                    seq = (number - 1) * community.buildings_per_grid + k
                    nodes.append(
                        PlannedNode(
                            places.building_code(g_code, k),
                            g_code,
                            Level.BUILDING,
                            f"{community.building_prefix}{seq}幢",
                            geo.to_geojson(footprint),
                        )
                    )
    return nodes, buildings
