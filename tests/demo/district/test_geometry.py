from itertools import combinations

from shapely.geometry import shape

from gongzhi.org.demo import places
from gongzhi.org.geometry import outside_parent_problem, parse_boundary
from gongzhi.org.models import Node


def _demo_nodes():
    return list(Node.objects.get(code=places.DISTRICT_CODE).subtree())


def test_every_boundary_is_valid_with_its_bbox_set(demo_db):
    for node in _demo_nodes():
        geometry = parse_boundary(node.boundary)
        assert geometry.is_valid and geometry.area > 0, node.code
        assert node.bbox == tuple(geometry.bounds), node.code


def test_every_boundary_lies_inside_its_parent(demo_db):
    nodes = _demo_nodes()
    by_path = {n.path: n for n in nodes}
    for node in nodes[1:]:
        parent = by_path[node.path[: -Node.steplen]]
        child_shape, parent_shape = shape(node.boundary), shape(parent.boundary)
        assert outside_parent_problem(child_shape, parent_shape) is None, node.code
        assert child_shape.difference(parent_shape).area <= 1e-9 * child_shape.area, node.code


def test_siblings_do_not_overlap(demo_db):
    children: dict[str, list] = {}
    for node in _demo_nodes()[1:]:
        children.setdefault(node.path[: -Node.steplen], []).append(shape(node.boundary))
    pairs = 0
    for shapes in children.values():
        for a, b in combinations(shapes, 2):
            pairs += 1
            assert a.intersection(b).area <= 1e-9 * min(a.area, b.area)
    assert pairs > 72 * 11 // 2  # the compound's microgrids alone give hundreds of pairs


def test_places_lie_near_their_real_locations(demo_db):
    district = Node.objects.get(code=places.DISTRICT_CODE)
    assert 120.7 < district.min_lon < district.max_lon < 121.0
    assert 31.9 < district.min_lat < district.max_lat < 32.11
    xinsheng = shape(Node.objects.get(code=places.XINSHENG_CODE).boundary)
    assert xinsheng.contains(shape({"type": "Point", "coordinates": [120.948, 31.991]}))
    # A community is neighbourhood-sized: between a tenth and two square kilometres.
    for community in Node.objects.filter(level="community"):
        km2 = shape(community.boundary).area * 111.32 * 94.4
        assert 0.1 < km2 < 2.0, community.name
