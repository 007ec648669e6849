import json

import pytest

from gongzhi.core.models import AuditEntry
from gongzhi.org.io.geojson_export import export_tree
from gongzhi.org.io.geojson_import import import_tree, import_tree_file
from gongzhi.org.io.problems import FileRefused, ImportRejected
from gongzhi.org.models import BoundaryStamp, Node
from tests.conftest import square
from tests.io.builders import feature


def _reject(features, **kwargs):
    before = (Node.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ImportRejected) as info:
        import_tree(features=features, **kwargs)
    assert (Node.objects.count(), AuditEntry.objects.count()) == before
    return [(p.position, p.field) for p in info.value.problems], info.value.problems


def test_export_then_import_into_empty_database_reproduces_tree(small_tree):
    exported = export_tree()
    Node.objects.all().delete()
    assert not Node.objects.exists()
    summary = import_tree_file(raw=json.dumps(exported).encode())
    assert (summary.created, summary.updated) == (7, 0)
    assert export_tree() == exported
    assert Node.objects.get_parent(Node.objects.get(code="T-S-C-G1-B1")).code == "T-S-C-G1"
    assert Node.objects.get(code="T-S-C-G1").min_lon == 120


def test_import_writes_summary_and_per_node_audit_entries(db):
    features = [
        feature("D", "district", None, square(120, 32, 1)),
        feature("D-S", "street", "D", square(120, 32, 0.5)),
    ]
    import_tree(features=features, source="tree.geojson")
    assert AuditEntry.objects.filter(action="org.node.created").count() == 2
    summary = AuditEntry.objects.get(action="org.tree.imported")
    assert summary.data["created"] == 2 and summary.data["source"] == "tree.geojson"


def test_children_may_come_before_their_parents_in_the_file(db):
    features = [
        feature("D-S", "street", "D", square(120, 32, 0.5)),
        feature("D", "district", None, square(120, 32, 1)),
    ]
    import_tree(features=features)
    assert Node.objects.get_parent(Node.objects.get(code="D-S")).code == "D"


def test_reimport_updates_by_code_and_bumps_boundary_stamp(small_tree):
    exported = export_tree()
    grid = next(f for f in exported["features"] if f["properties"]["code"] == "T-S-C-G2")
    grid["geometry"] = square(120.1, 32, 0.09)
    grid["properties"].update(name="第二网格", population=812)
    version = BoundaryStamp.objects.get().version
    summary = import_tree(features=exported["features"])
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 6)
    node = Node.objects.get(code="T-S-C-G2")
    assert (node.name, node.population, node.boundary) == ("第二网格", 812, square(120.1, 32, 0.09))
    assert BoundaryStamp.objects.get().version > version
    assert AuditEntry.objects.filter(action="org.node.boundary_changed", object_id=str(node.pk))


def test_child_outside_parent_writes_nothing_and_names_feature(small_tree):
    problems, _ = _reject([feature("X-B", "building", "T-S-C-G1", square(121, 33, 0.01))])
    assert problems == [(1, "geometry")]


def test_bad_coordinates_are_named(db):
    features = [
        feature("D", "district", None, square(120, 32, 1)),
        feature("D-S", "street", "D", square(200, 32, 0.5)),
    ]
    problems, listed = _reject(features)
    assert problems == [(2, "geometry")]
    assert "200" in listed.items[0].message


def test_unknown_parent_is_named(db):
    problems, listed = _reject([feature("D", "district", None), feature("G", "grid", "NOWHERE")])
    assert problems == [(2, "parent_code")]
    assert "NOWHERE" in listed.items[0].message


def test_duplicate_code_in_file_is_named(db):
    problems, listed = _reject([feature("D", "district", None), feature("D", "district", None)])
    assert problems == [(2, "code")]
    assert listed.items[0].ref == "D"


def test_level_not_allowed_under_parent(small_tree):
    problems, _ = _reject([feature("X", "street", "T-S-C-G1")])
    assert problems == [(1, "level")]


def test_required_properties_and_types_are_checked(db):
    bad = feature("D", "district", None, household_count=-1, population="many")
    del bad["properties"]["name"]
    no_parent_key = feature("E", "district", None)
    del no_parent_key["properties"]["parent_code"]
    problems, _ = _reject(
        [
            bad,
            feature("F", "village", None),
            no_parent_key,
            {"type": "Point"},
            feature("a b", "district", None),
        ]
    )
    assert sorted(problems) == [
        (1, "household_count"),
        (1, "name"),
        (1, "population"),
        (2, "level"),
        (3, "parent_code"),
        (4, "type"),
        (5, "code"),
    ]


def test_a_bad_feature_among_good_ones_writes_nothing(db):
    features = [feature("D", "district", None, square(120, 32, 1))]
    features += [feature(f"D-S{i}", "street", "D", square(120, 32, 0.1)) for i in range(5)]
    features[3]["geometry"] = {"type": "Polygon", "coordinates": [[[120, 32], [121, 33]]]}
    problems, _ = _reject(features)
    assert problems == [(4, "geometry")]


def test_existing_node_cannot_change_level_or_move(small_tree):
    problems, _ = _reject(
        [
            feature("T-S-C-G1-B1", "microgrid", "T-S-C-G1"),
            feature("T-S-C-G2-B2", "building", "T-S-C-G1"),
        ]
    )
    assert problems == [(1, "level"), (2, "parent_code")]


def test_shrinking_a_boundary_may_not_leave_a_child_outside(small_tree):
    problems, listed = _reject([feature("T-S-C-G1", "grid", "T-S-C", square(120.05, 32.05, 0.04))])
    assert problems == [(1, "geometry")]
    assert "T-S-C-G1-B1" in listed.items[0].message


def test_scoped_import_refuses_nodes_outside_the_users_area(small_tree, make_user):
    from gongzhi.org.roles import Role
    from gongzhi.org.services import role_assign

    staff = make_user()
    role_assign(user=staff, role=Role.STAFF, node=small_tree["grid1"])
    features = [
        feature("G1-B9", "building", "T-S-C-G1", square(120.02, 32.02, 0.01)),
        feature("G2-B9", "building", "T-S-C-G2", square(120.12, 32.02, 0.01)),
        feature("NEW", "district", None),
    ]
    problems, _ = _reject(features, actor=staff, scoped=True)
    assert problems == [(2, "parent_code"), (3, "parent_code")]
    summary = import_tree(features=features[:1], actor=staff, scoped=True)
    assert summary.created == 1


def test_dry_run_counts_without_writing(small_tree):
    count = Node.objects.count()
    summary = import_tree(features=[feature("G1-B9", "building", "T-S-C-G1")], dry_run=True)
    assert (summary.created, summary.dry_run) == (1, True)
    assert Node.objects.count() == count


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe not utf-8",
        b"{not json",
        b'{"type": "Feature"}',
        b'{"type": "FeatureCollection", "features": []}',
        b'{"type": "FeatureCollection", "features": [{"geometry": NaN}]}',
        b"[" * 100_000,
    ],
)
def test_unreadable_files_are_refused(db, raw):
    with pytest.raises(FileRefused):
        import_tree_file(raw=raw)
