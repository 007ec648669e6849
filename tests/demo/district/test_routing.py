"""Point → grid routing over the demo district agrees with a brute-force search."""

import random

from gongzhi.org import routing
from tests.routing.brute import boundaries, brute_force, vertices


def test_demo_district_routes_like_brute_force(demo_db):
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
