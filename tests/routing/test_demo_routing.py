import random

import pytest

from gongzhi.org import routing
from gongzhi.org.demo import build_demo
from tests.routing.brute import boundaries, brute_force, vertices


@pytest.fixture
def demo_district(db):
    build_demo()


def test_demo_district_routes_like_brute_force(demo_district):
    rows = boundaries()
    assert rows, "the demo district has no boundaries"
    bounds = [row[3].bounds for row in rows]
    x0, y0 = min(b[0] for b in bounds), min(b[1] for b in bounds)
    x1, y1 = max(b[2] for b in bounds), max(b[3] for b in bounds)
    rng = random.Random(2024)
    points = [(rng.uniform(x0, x1), rng.uniform(y0, y1)) for _ in range(1000)]
    corners = vertices(rows)
    points += rng.sample(corners, min(500, len(corners)))
    assert routing.locate_many(points) == brute_force(points, rows)
