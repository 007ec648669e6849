"""The replayed fixture world is the world the services build (tests/replay.py)."""

import pytest
from django.db import transaction

from gongzhi.core.models import AuditEntry
from gongzhi.org.choices import Level
from gongzhi.org.models import BoundaryStamp, Node
from gongzhi.org.services import node_create
from tests.conftest import _build_small_tree
from tests.replay import Replayed


class _RollBack(Exception):
    pass


def _nodes():
    return list(
        Node.objects.order_by("pk").values(
            "pk", "path", "depth", "numchild", "code", "level", "boundary", "min_lon", "max_lat"
        )
    )


def _built_then_rolled_back(builder):
    with pytest.raises(_RollBack), transaction.atomic():
        result = builder()
        rows = _nodes()
        actions = sorted(AuditEntry.objects.values_list("action", "object_id"))
        raise _RollBack
    return result, rows, actions


@pytest.mark.django_db
def test_a_replay_writes_the_rows_the_services_wrote(django_assert_max_num_queries):
    builder = Replayed(_build_small_tree)
    built, rows, actions = _built_then_rolled_back(builder)
    assert not Node.objects.exists()
    stamp_before = BoundaryStamp.objects.get_or_create(pk=1)[0].version

    with django_assert_max_num_queries(10):
        replayed = builder()

    assert _nodes() == rows
    assert sorted(AuditEntry.objects.values_list("action", "object_id")) == actions
    assert {k: v.pk for k, v in replayed.items()} == {k: v.pk for k, v in built.items()}
    assert replayed["grid1"].path == built["grid1"].path
    assert replayed["grid1"] is not built["grid1"]
    # Indexes of the point → grid routing see the new boundaries, as after a real build.
    assert BoundaryStamp.objects.get(pk=1).version > stamp_before


@pytest.mark.django_db
def test_a_table_holding_other_rows_gets_a_real_build():
    builder = Replayed(_build_small_tree)
    _built, rows, _actions = _built_then_rolled_back(builder)
    other = node_create(parent=None, level=Level.DISTRICT, name="别区", code="OTHER")

    tree = builder()

    # Built through the services: the tree's root comes after the other root, not on its path.
    assert tree["district"].path != other.path
    assert Node.objects.count() == len(rows) + 1
