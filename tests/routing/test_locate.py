import random

import pytest

from gongzhi.org import routing
from gongzhi.org.choices import Level
from gongzhi.org.services import node_create
from tests.routing.brute import boundaries, brute_force, vertices


def code_at(lon, lat, **kwargs):
    found = routing.locate(lon, lat, **kwargs)
    return found.code if found else None


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (120.2, 32.07, "B1"),
        (120.15, 32.03, "G2"),
        (120.4, 32.4, "S1"),
        (120.7, 32.2, "S2"),
        (120.7, 32.8, "D"),
        (121.0, 32.8, "D"),
        (119.5, 32.5, None),
        (121.000001, 32.5, None),
    ],
)
def test_locate_answers_the_deepest_node_covering_the_point(exact_tree, lon, lat, code):
    assert code_at(lon, lat) == code


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (120.125, 32.0625, "G1"),  # G1 | G2
        (120.0625, 32.125, "G1"),  # G1 / G3
        (120.1875, 32.125, "G2"),  # G2 / G4
        (120.125, 32.125, "G1"),  # the vertex all four grids share
        (120.5, 32.4, "S1"),  # S1 | S2
        (120.25, 32.0625, "G2"),  # the community's edge: the grid on it is deeper
        (120.1875, 32.07, "B1"),  # the building's edge inside G2
    ],
)
def test_points_on_shared_edges_go_to_the_deepest_then_first_in_tree_order(
    exact_tree, lon, lat, code
):
    assert code_at(lon, lat) == code
    assert code_at(lon, lat) == code


def test_located_result_carries_the_node_and_loads_it_on_demand(
    exact_tree, django_assert_num_queries
):
    found = routing.locate(120.2, 32.07)
    b1 = exact_tree["B1"]
    assert (found.id, found.code, found.level, found.path, found.depth) == (
        b1.pk,
        "B1",
        Level.BUILDING,
        b1.path,
        b1.depth,
    )
    with django_assert_num_queries(1):
        assert found.node.name == "B1"
        assert found.node == b1


def test_locate_path_runs_from_the_root_to_the_deepest_node(exact_tree):
    chain = routing.locate_path(120.2, 32.07)
    assert [node.code for node in chain] == ["D", "S1", "C1", "G2", "B1"]
    assert routing.locate_path(119.0, 32.0) == []


def test_locate_many_answers_ids_in_input_order(exact_tree):
    points = [(120.2, 32.07), (119.0, 32.0), (120.125, 32.125), (120.7, 32.8)]
    expected = [exact_tree[c].pk if c else None for c in ["B1", None, "G1", "D"]]
    assert routing.locate_many(points) == expected
    assert routing.locate_many([]) == []


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ([(120.0, 32.0), (float("nan"), 32.0)], "Point 1"),
        ([(181.0, 32.0)], "Point 0"),
        ([(120.0, 32.0, 5.0)], "pairs"),
        ([("a", "b")], "numbers"),
    ],
)
def test_locate_many_refuses_unusable_points_naming_the_first(exact_tree, points, message):
    with pytest.raises(ValueError, match=message):
        routing.locate_many(points)


def test_locate_refuses_unusable_coordinates_and_systems(exact_tree):
    with pytest.raises(ValueError, match="latitude"):
        routing.locate(120.0, 95.0)
    with pytest.raises(ValueError, match="'mars'"):
        routing.locate(120.0, 32.0, crs="mars")


def random_box(rng, box, parts=8):
    """A random sub-rectangle of ``box`` with corners on its ``parts × parts`` lattice."""
    x0, y0, x1, y1 = box
    i0, i1 = sorted(rng.sample(range(parts + 1), 2))
    j0, j1 = sorted(rng.sample(range(parts + 1), 2))
    dx, dy = (x1 - x0) / parts, (y1 - y0) / parts
    return (x0 + i0 * dx, y0 + j0 * dy, x0 + i1 * dx, y0 + j1 * dy)


def random_tree(rng):
    """A tree whose siblings overlap and share edges and corners on a coarse lattice."""
    levels = [Level.DISTRICT, Level.STREET, Level.COMMUNITY, Level.GRID, Level.BUILDING]
    counter = iter(range(1, 10_000))

    def grow(parent, box, depth):
        x0, y0, x1, y1 = box
        ring = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
        code = f"R{next(counter)}"
        node = node_create(
            parent=parent,
            level=levels[depth],
            name=code,
            code=code,
            boundary={"type": "Polygon", "coordinates": [ring]},
        )
        if depth + 1 < len(levels):
            for _ in range(rng.randint(1, 3)):
                grow(node, random_box(rng, box), depth + 1)

    grow(None, (120.0, 32.0, 120.5, 32.5), 0)


def test_locate_agrees_with_brute_force_on_a_random_overlapping_tree(db):
    rng = random.Random(7)
    random_tree(rng)
    rows = boundaries()
    points = [(rng.uniform(119.95, 120.55), rng.uniform(31.95, 32.55)) for _ in range(600)]
    # Points on the lattice land on edges and corners that siblings share.
    points += [(120 + rng.randrange(65) / 128, 32 + rng.randrange(65) / 128) for _ in range(600)]
    points += vertices(rows)
    expected = brute_force(points, rows)
    assert routing.locate_many(points) == expected
    index = routing.get_index()
    singles = [index.locate(lon, lat) for lon, lat in points]
    assert [found.id if found else None for found in singles] == expected
    assert len(set(expected)) > 20
