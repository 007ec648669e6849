import logging
import threading

import pytest
from django.db import connection
from django.db.models import F

from gongzhi.core import hotcache
from gongzhi.org import routing
from gongzhi.org.choices import Level
from gongzhi.org.models import BoundaryStamp, Node
from gongzhi.org.services import (
    bump_boundary_version,
    node_create,
    node_set_boundary,
    node_update,
)
from tests.conftest import square


def test_a_lookup_on_a_current_index_costs_no_query_while_the_stamp_is_fresh(
    exact_tree, django_assert_num_queries, cache_clock
):
    routing.locate(120.2, 32.07)
    with django_assert_num_queries(0):
        assert routing.locate(120.2, 32.07).code == "B1"
        routing.locate_many([(120.2, 32.07)] * 500)
    cache_clock.advance(hotcache.ttl())
    with django_assert_num_queries(1):  # the stamp, once per GONGZHI_CACHE_SECONDS
        assert routing.locate(120.2, 32.07).code == "B1"
        routing.locate_many([(120.2, 32.07)] * 500)


def test_a_boundary_change_in_another_process_is_seen_within_the_cache_time(
    exact_tree, cache_clock
):
    assert routing.locate(120.7, 32.2).code == "S2"
    # Another process shrinks S2 and bumps the stamp; this process is not told.
    Node.objects.filter(pk=exact_tree["S2"].pk).update(boundary=square(120.5, 32, 0.125))
    BoundaryStamp.objects.filter(pk=1).update(version=F("version") + 1)
    assert routing.locate(120.7, 32.2).code == "S2"  # still within GONGZHI_CACHE_SECONDS
    cache_clock.advance(hotcache.ttl())
    assert routing.locate(120.7, 32.2).code == "D"


def test_a_boundary_change_made_here_is_seen_at_once(exact_tree, cache_clock):
    assert routing.locate(120.7, 32.2).code == "S2"
    node_set_boundary(node=exact_tree["S2"], boundary=square(120.5, 32, 0.125))
    assert routing.locate(120.7, 32.2).code == "D"


def test_a_taken_index_answers_many_lookups_without_queries(exact_tree, django_assert_num_queries):
    index = routing.get_index()
    with django_assert_num_queries(0):
        for _ in range(50):
            assert index.locate(120.15, 32.03).code == "G2"
        index.locate_many([(120.15, 32.03)] * 50)


def test_index_is_kept_while_boundaries_stay_the_same(exact_tree):
    index = routing.get_index()
    node_update(node=exact_tree["G2"], name="renamed")
    Node.objects.filter(pk=exact_tree["G2"].pk).update(population=5)
    assert routing.get_index() is index
    assert routing.locate(120.15, 32.03).node.name == "renamed"


def test_index_rebuilds_after_a_boundary_change(exact_tree, django_assert_num_queries):
    index = routing.get_index()
    assert routing.locate(120.7, 32.2).code == "S2"
    # S2 shrinks to its southern half: the point now lies only in the district.
    node_set_boundary(node=exact_tree["S2"], boundary=square(120.5, 32, 0.125))
    with django_assert_num_queries(3):  # stamp, stamp again under the lock, the boundaries
        assert routing.locate(120.7, 32.2).code == "D"
    assert routing.get_index() is not index
    with django_assert_num_queries(0):
        assert routing.locate(120.7, 32.2).code == "D"


def test_index_rebuilds_when_a_node_with_a_boundary_is_added(exact_tree):
    routing.get_index()
    node_create(
        parent=exact_tree["S2"],
        level=Level.COMMUNITY,
        name="C2",
        code="C2",
        boundary=square(120.5, 32, 0.25),
    )
    assert routing.locate(120.6, 32.1).code == "C2"


def test_index_does_not_trust_a_stamp_number_reached_again_after_a_rollback(exact_tree):
    # Another process's transaction bumped the stamp, this process built its index from the
    # uncommitted rows, and the transaction rolled back; a later real change reaches the
    # same number. The time stored with the number tells the two apart.
    index = routing.get_index()
    version, changed_at = index.key
    bump_boundary_version()
    Node.objects.filter(pk=exact_tree["S2"].pk).update(boundary=square(120.5, 32, 0.125))
    BoundaryStamp.objects.filter(pk=1).update(version=version)
    assert routing.current_key() != index.key
    assert routing.locate(120.7, 32.2).code == "D"


def test_unreadable_stored_boundary_is_skipped_and_reported(exact_tree, caplog):
    Node.objects.filter(pk=exact_tree["B1"].pk).update(
        boundary={"type": "Polygon", "coordinates": [[[1, 2]]]}
    )
    bump_boundary_version()
    with caplog.at_level(logging.WARNING, logger="gongzhi.org.routing"):
        assert routing.locate(120.2, 32.07).code == "G2"
    assert "B1" in caplog.text


def test_empty_tree_locates_nothing(db):
    assert routing.locate(120.0, 32.0) is None
    assert routing.locate_many([(120.0, 32.0)]) == [None]
    assert len(routing.get_index()) == 0


@pytest.mark.django_db(transaction=True)
def test_threads_that_find_the_index_stale_together_rebuild_it_once():
    district = node_create(
        parent=None, level=Level.DISTRICT, name="D", code="D", boundary=square(120, 32, 1)
    )
    old = routing.get_index()
    node_set_boundary(node=district, boundary=square(120, 32, 0.5))
    barrier = threading.Barrier(4)
    seen, errors = [], []

    def look():
        try:
            barrier.wait(timeout=10)
            seen.append(routing.get_index())
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=look) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(seen) == 4
    assert len({id(index) for index in seen}) == 1
    assert seen[0] is not old
    assert seen[0].locate(120.7, 32.2) is None
