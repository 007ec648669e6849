from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from gongzhi.org.choices import Level
from gongzhi.org.services import node_create, person_create
from gongzhi.points.choices import Reason, TransactionKind
from gongzhi.points.demo import build_points_demo, build_points_rules_demo
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Entry, Goods, Order, PointsRule, StockMovement, Transaction
from gongzhi.points.wall import wall_people
from gongzhi.volunteering.demo import build_volunteering_demo
from gongzhi.volunteering.models import Attendance


def test_demo_skips_without_the_demo_community(small_tree):
    assert build_points_rules_demo() is None
    assert build_points_demo() is None
    assert not PointsRule.objects.exists()


def test_demo_service_points_come_from_real_check_outs(small_tree, make_user):
    community = node_create(
        parent=small_tree["street"], level=Level.COMMUNITY, name="新胜社区", code="XS"
    )
    grid = node_create(parent=community, level=Level.GRID, name="第一网格", code="XS-G1")
    building = node_create(parent=grid, level=Level.BUILDING, name="观河华府1幢", code="XS-B1")
    for n in range(6):
        person_create(node=building, name=f"居民{n}", is_volunteer=n % 2 == 0, user=make_user())

    assert build_points_rules_demo() == {"community": "XS", "rules": 4}
    build_volunteering_demo()
    first = build_points_demo()
    counts = [M.objects.count() for M in (Transaction, Entry, Goods, StockMovement, Order)]
    second = build_points_demo()

    assert first == second == {"community": "XS", "goods": 5, "people": 12}
    assert [M.objects.count() for M in (Transaction, Entry, Goods, StockMovement, Order)] == counts
    assert Order.objects.count() == 1
    awards = Transaction.objects.filter(kind=TransactionKind.AWARD, reason=Reason.SERVICE_HOUR)
    attendance_type = ContentType.objects.get_for_model(Attendance)
    assert awards.exists()
    assert not awards.exclude(source_type=attendance_type).exists()
    latest = timezone.localtime(Attendance.objects.latest("check_out_at").check_out_at)
    assert wall_people(community, latest.year, latest.month)
    assert ledger_problems() == []
