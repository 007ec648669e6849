from django.utils import timezone

from gongzhi.org.choices import Level
from gongzhi.org.services import node_create, person_create
from gongzhi.points.demo import build_points_demo
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Entry, Goods, Order, PointsRule, StockMovement, Transaction
from gongzhi.points.wall import wall_people


def test_demo_skips_without_the_demo_community(small_tree):
    assert build_points_demo() is None
    assert not PointsRule.objects.exists()


def test_demo_is_idempotent_and_fills_the_wall(small_tree, make_user):
    community = node_create(
        parent=small_tree["street"], level=Level.COMMUNITY, name="新胜社区", code="XS"
    )
    grid = node_create(parent=community, level=Level.GRID, name="第一网格", code="XS-G1")
    building = node_create(parent=grid, level=Level.BUILDING, name="观河华府1幢", code="XS-B1")
    for n in range(6):
        person_create(node=building, name=f"居民{n}", is_volunteer=n % 2 == 0, user=make_user())

    first = build_points_demo()
    counts = [M.objects.count() for M in (Transaction, Entry, Goods, StockMovement, Order)]
    second = build_points_demo()

    assert first == second == {"community": "XS", "goods": 5, "people": 6}
    assert [M.objects.count() for M in (Transaction, Entry, Goods, StockMovement, Order)] == counts
    assert Order.objects.count() == 1
    today = timezone.localdate()
    assert wall_people(community, today.year, today.month) or wall_people(
        community, *((today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12))
    )
    assert ledger_problems() == []
