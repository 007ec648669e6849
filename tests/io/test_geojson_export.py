from gongzhi.org.io.geojson_export import export_tree
from gongzhi.org.models import Node
from tests.conftest import square


def test_export_lists_every_node_parents_first(small_tree):
    features = export_tree()["features"]
    codes = [f["properties"]["code"] for f in features]
    assert len(codes) == Node.objects.count()
    for index, feature in enumerate(features):
        parent = feature["properties"]["parent_code"]
        assert parent is None or parent in codes[:index]


def test_export_feature_carries_boundary_and_properties(small_tree):
    grid = next(f for f in export_tree()["features"] if f["properties"]["code"] == "T-S-C-G1")
    assert grid["type"] == "Feature"
    assert grid["geometry"] == square(120, 32, 0.1)
    assert grid["properties"] == {
        "level": "grid",
        "code": "T-S-C-G1",
        "name": "第1网格",
        "parent_code": "T-S-C",
        "household_count": 0,
        "population": 0,
    }


def test_export_of_subtree_names_the_roots_real_parent(small_tree):
    features = export_tree([small_tree["grid2"]])["features"]
    assert [f["properties"]["code"] for f in features] == ["T-S-C-G2", "T-S-C-G2-B2"]
    assert features[0]["properties"]["parent_code"] == "T-S-C"


def test_node_without_boundary_exports_null_geometry(small_tree):
    from gongzhi.org.services import node_create

    node_create(parent=small_tree["grid1"], level="building", name="无边界", code="NB")
    feature = next(f for f in export_tree()["features"] if f["properties"]["code"] == "NB")
    assert feature["geometry"] is None
