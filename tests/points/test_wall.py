import pytest

from gongzhi.org.services import person_update
from gongzhi.points.choices import Reason
from gongzhi.points.services import points_adjust, points_award, points_reverse
from gongzhi.points.wall import wall_children, wall_people
from tests.points.conftest import at


@pytest.fixture
def june(rules, make_person, small_tree, staff):
    """In June 2025: 王小明 (b1) 30, 李四 (b1) 20, 赵六 (b2) 25; an adjustment and a July award."""
    wang = make_person("王小明")
    li = make_person("李四")
    zhao = make_person("赵六", node=small_tree["b2"])
    for person, hours, key in [(wang, 3, "w"), (li, 2, "l"), (zhao, 2.5, "z")]:
        points_award(
            person=person,
            reason=Reason.SERVICE_HOUR,
            quantity=hours,
            idempotency_key=key,
            occurred_at=at(2025, 6, 10),
        )
    points_adjust(person=li, amount=500, memo="not an award", actor=staff)
    points_award(
        person=li,
        reason=Reason.SERVICE_HOUR,
        quantity=1,
        idempotency_key="july",
        occurred_at=at(2025, 7, 1),
    )
    return {"wang": wang, "li": li, "zhao": zhao}


def test_wall_ranks_awards_of_the_month_with_masked_names(june, small_tree):
    rows = wall_people(small_tree["community"], 2025, 6)
    assert [(r.rank, r.label, r.points) for r in rows] == [
        (1, "王*明", 30),
        (2, "赵*", 25),
        (3, "李*", 20),
    ]


def test_public_names_show_in_full(june, small_tree):
    person_update(person=june["wang"], public_name=True)
    assert wall_people(small_tree["community"], 2025, 6)[0].label == "王小明"


def test_wall_per_building_and_per_grid(june, small_tree):
    assert [r.points for r in wall_people(small_tree["b1"], 2025, 6)] == [30, 20]
    grids = wall_children(small_tree["community"], 2025, 6)
    assert [(r.label, r.points) for r in grids] == [("第1网格", 50), ("第2网格", 25)]


def test_reversed_awards_leave_the_wall(june, small_tree, staff):
    from gongzhi.points.models import Transaction

    points_reverse(
        transaction=Transaction.objects.get(idempotency_key="w"), reason="dup", actor=staff
    )
    assert [r.label for r in wall_people(small_tree["community"], 2025, 6)] == ["赵*", "李*"]


def test_ties_share_a_rank(rules, make_person, small_tree):
    for key in ("a", "b"):
        points_award(
            person=make_person(),
            reason=Reason.SERVICE_HOUR,
            idempotency_key=key,
            occurred_at=at(2025, 6, 1),
        )
    assert [r.rank for r in wall_people(small_tree["community"], 2025, 6)] == [1, 1]
