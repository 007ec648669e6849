"""Working hours per node: a community's own hours override the default and reach its grids."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.core.models import AuditEntry
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from gongzhi.worktime import clock
from gongzhi.worktime.models import WorkingHours
from gongzhi.worktime.selectors import hours_for_node
from gongzhi.worktime.services import working_hours_clear, working_hours_set

from .conftest import at

SUMMER = [["08:00", "12:00"], ["14:30", "18:00"]]


def test_node_without_hours_uses_the_default(small_tree):
    assert clock.add_working_hours(at(2027, 3, 1, 11, 0), 2, node=small_tree["grid1"]) == at(
        2027, 3, 1, 14, 30
    )


def test_community_hours_override_the_default_for_its_grids(small_tree):
    working_hours_set(node=small_tree["community"], periods=SUMMER)
    # 11:00 + 2 h: 1 h before noon, 1 h after 14:30.
    result = clock.add_working_hours(at(2027, 3, 1, 11, 0), 2, node=small_tree["grid1"])
    assert result == at(2027, 3, 1, 15, 30)
    # The default still applies without a node.
    assert clock.add_working_hours(at(2027, 3, 1, 11, 0), 2) == at(2027, 3, 1, 14, 30)


def test_working_days_use_the_community_day_length(small_tree):
    working_hours_set(node=small_tree["community"], periods=SUMMER)  # 7.5 h a day
    working_hours_set(node=small_tree["street"], periods=[["09:00", "17:00"]])  # 8 h a day
    start = at(2027, 3, 1, 10, 0)
    # Whole days land at the same time of day; half a day is half of each node's day.
    assert clock.add_working_days(start, 2, node=small_tree["b1"]) == at(2027, 3, 3, 10, 0)
    assert clock.add_working_days(start, 0.5, node=small_tree["b1"]) == at(2027, 3, 1, 16, 15)
    assert clock.add_working_days(start, 0.5, node=small_tree["street"]) == at(2027, 3, 1, 14, 0)


def test_nearest_ancestor_wins(small_tree):
    working_hours_set(node=small_tree["district"], periods=[["09:00", "17:00"]])
    working_hours_set(node=small_tree["community"], periods=SUMMER)
    assert hours_for_node(small_tree["grid2"]).inherited_from == small_tree["community"]
    assert hours_for_node(small_tree["street"]).inherited_from == small_tree["district"]
    assert clock.add_working_hours(at(2027, 3, 1, 8, 0), 1, node=small_tree["street"]) == at(
        2027, 3, 1, 10, 0
    )


def test_clearing_hours_falls_back_and_is_seen_at_once(small_tree):
    working_hours_set(node=small_tree["community"], periods=SUMMER)
    start = at(2027, 3, 1, 11, 0)
    assert clock.add_working_hours(start, 2, node=small_tree["grid1"]) == at(2027, 3, 1, 15, 30)
    assert working_hours_clear(node=small_tree["community"])
    assert clock.add_working_hours(start, 2, node=small_tree["grid1"]) == at(2027, 3, 1, 14, 30)
    assert not working_hours_clear(node=small_tree["community"])


def test_setting_hours_is_audited_with_old_and_new(small_tree):
    working_hours_set(node=small_tree["community"], periods=SUMMER)
    working_hours_set(node=small_tree["community"], periods=[["09:00", "17:00"]], note="冬令时")
    entry = AuditEntry.objects.filter(action="worktime.hours.set").latest("id")
    assert entry.data["old"] == {"periods": SUMMER}
    assert entry.data["new"]["periods"] == [["09:00", "17:00"]]
    assert WorkingHours.objects.get().note == "冬令时"


@pytest.mark.parametrize(
    "periods,problem",
    [
        ([], "At least one"),
        ("08:30-12:00", "list"),
        ([["08:30"]], "pair"),
        ([["8:30", "12:00"]], "HH:MM"),
        ([["08:30", "24:00"]], "HH:MM"),
        ([["12:00", "08:30"]], "ends before it starts"),
        ([["13:30", "17:30"], ["08:30", "12:00"]], "in order"),
        ([["08:30", "12:00"], ["11:00", "17:30"]], "overlaps"),
        ([["08:30", 1200]], "HH:MM"),
    ],
)
def test_bad_periods_are_refused_naming_the_field(small_tree, periods, problem):
    with pytest.raises(ValidationError) as exc:
        working_hours_set(node=small_tree["community"], periods=periods)
    assert problem in " ".join(exc.value.message_dict["periods"])
    assert not WorkingHours.objects.exists()


def test_grids_do_not_keep_hours_of_their_own(small_tree):
    with pytest.raises(ValidationError) as exc:
        working_hours_set(node=small_tree["grid1"], periods=SUMMER)
    assert "node" in exc.value.message_dict


def test_community_staff_may_set_their_own_community_only(small_tree, make_user):
    staff = make_user()
    role_assign(user=staff, role=Role.STAFF, node=small_tree["community"])
    working_hours_set(node=small_tree["community"], periods=SUMMER, actor=staff)
    with pytest.raises(PermissionDenied):
        working_hours_set(node=small_tree["street"], periods=SUMMER, actor=staff)
    grid_worker = make_user()
    role_assign(user=grid_worker, role=Role.GRID_WORKER, node=small_tree["community"])
    with pytest.raises(PermissionDenied):
        working_hours_clear(node=small_tree["community"], actor=grid_worker)
