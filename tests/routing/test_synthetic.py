import random

import shapely
from shapely.geometry import shape

from gongzhi.org import routing
from gongzhi.org.choices import Level
from gongzhi.org.coords import from_wgs84
from gongzhi.org.models import Node
from gongzhi.org.synthetic import build_synthetic_district
from tests.routing.brute import boundaries, brute_force, vertices


def test_ten_thousand_grids_route_like_brute_force(db):
    district = build_synthetic_district(cols=100, rows=100, seed=3)
    rows = boundaries()
    assert len(rows) == 10_007
    x0, y0, x1, y1 = district.bbox
    rng = random.Random(11)
    margin = (x1 - x0) * 0.05
    points = [
        (rng.uniform(x0 - margin, x1 + margin), rng.uniform(y0 - margin, y1 + margin))
        for _ in range(600)
    ]
    # Lattice points are corners shared by up to four grids, and the block borders are
    # edges shared by streets and communities too.
    points += rng.sample(vertices(rows), 300)
    points += [(x0, y0), (x1, y1), ((x0 + x1) / 2, y0), (x1 + 1e-9, y0)]
    expected = brute_force(points, rows)
    assert routing.locate_many(points) == expected
    index = routing.get_index()
    assert [getattr(index.locate(*p), "id", None) for p in points[::10]] == expected[::10]
    assert expected.count(None) > 20
    assert len(set(expected)) > 500


def test_synthetic_district_is_a_proper_tree(db):
    district = build_synthetic_district(cols=4, rows=6, streets=2, communities_per_street=3)
    assert Node.objects.filter(path__startswith=district.path).count() == 1 + 2 + 6 + 24
    for node in Node.objects.filter(path__startswith=district.path):
        assert (
            node.numchild
            == Node.objects.filter(path__startswith=node.path, depth=node.depth + 1).count()
        )
        assert shape(node.boundary).is_valid
    grids = [shape(n.boundary) for n in Node.objects.filter(level=Level.GRID)]
    assert abs(shapely.union_all(grids).area - shape(district.boundary).area) < 1e-12
    assert abs(sum(g.area for g in grids) - shape(district.boundary).area) < 1e-12


def test_gcj02_and_bd09_points_land_in_the_same_grid_as_their_wgs84_twin(db):
    build_synthetic_district(cols=20, rows=20, seed=5)
    grids = Node.objects.filter(level=Level.GRID)
    assert grids.count() == 400
    for grid in grids:
        point = shape(grid.boundary).centroid
        wgs = (point.x, point.y)
        assert routing.locate(*wgs).id == grid.pk
        assert routing.locate(*from_wgs84(*wgs, "gcj02"), crs="gcj02").id == grid.pk
        assert routing.locate(*from_wgs84(*wgs, "bd09"), crs="BD-09").id == grid.pk
    centroids = [shape(g.boundary).centroid for g in grids]
    baidu = [from_wgs84(c.x, c.y, "baidu") for c in centroids]
    assert routing.locate_many(baidu, crs="baidu") == [g.pk for g in grids]
    # Unconverted, a Baidu point lies hundreds of metres off: mostly in another grid.
    wrong = routing.locate_many(baidu)
    assert sum(a != g.pk for a, g in zip(wrong, grids, strict=True)) > 300
