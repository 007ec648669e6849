"""Participation and charity KPIs on hand-made data: each figure is the hand count, and the
records listed behind it number (or sum to) the figure."""

import pytest

from gongzhi.charity.choices import BeneficiaryKind
from gongzhi.charity.services import (
    delivery_complete,
    delivery_create,
    delivery_sign_off,
    pledge_create,
    pledge_receive,
)
from gongzhi.insights.drilldown import rows
from gongzhi.insights.periods import Period
from gongzhi.insights.registry import KPIS, PLANNED
from gongzhi.insights.selectors import figures, records
from gongzhi.participation.choices import Board, CouncilState, DemandSource, DemandState, PostState
from gongzhi.participation.models import BoardPost, Council, Demand
from tests.charity.conftest import community, drive, kinds, organisation, place  # noqa: F401

from .conftest import frozen_at, local

MARCH = Period(2026, 3)
AUGUST = Period(2026, 8)


def _listed(code, node, period):
    return rows(KPIS[code], records(KPIS[code], node, period))


def test_wired_codes_are_no_longer_planned():
    wired = [
        "councils_due",
        "councils_held",
        "demands_raised",
        "demands_done",
        "board_posts",
        "tasks_overdue",
        "donated_items_received",
        "donated_items_delivered",
    ]
    planned = {c for codes in PLANNED.values() for c in codes}
    assert all(code in KPIS and code not in planned for code in wired)


@pytest.fixture
def participation_month(small_tree):
    g1, g2 = small_tree["grid1"], small_tree["grid2"]

    codes = iter(range(100000, 100100))

    def council(node, starts_at, state):
        Council.objects.create(
            short_code=str(next(codes)),
            node=node,
            title="议事会",
            starts_at=starts_at,
            place="议事厅",
            state=state,
        )

    council(g1, local(2026, 3, 5), CouncilState.HELD)
    council(g1, local(2026, 3, 20), CouncilState.CLOSED)
    council(g2, local(2026, 3, 12), CouncilState.MINUTES_PUBLISHED)
    council(g2, local(2026, 3, 28), CouncilState.PLANNED)  # not held
    council(g2, local(2026, 3, 8), CouncilState.CANCELLED)
    council(g1, local(2026, 4, 1, 9), CouncilState.HELD)  # April

    def demand(node, created_at, state=DemandState.SUBMITTED, done_at=None):
        Demand.objects.create(
            title="建凉亭",
            text="缺少凉亭",
            node=node,
            source=DemandSource.RESIDENT,
            state=state,
            created_at=created_at,
            done_at=done_at,
        )

    demand(g1, local(2026, 3, 2))
    demand(g1, local(2026, 3, 31, 23, 30), DemandState.DECLINED)
    demand(g2, local(2026, 2, 10), DemandState.DONE, done_at=local(2026, 3, 15))  # done only
    demand(g2, local(2026, 3, 3), DemandState.DONE, done_at=local(2026, 3, 25))
    demand(g1, local(2026, 3, 4), DemandState.DONE, done_at=local(2026, 4, 2))  # done in April
    demand(g1, local(2026, 4, 1, 1))  # April

    def post(node, board, state, moderated_at):
        BoardPost.objects.create(
            board=board,
            node=node,
            caption="好人好事",
            state=state,
            original="p.jpg",
            moderated_at=moderated_at,
            created_at=local(2026, 2, 27),
        )

    post(g1, Board.PRAISE, PostState.APPROVED, local(2026, 3, 1))
    post(g2, Board.EXPOSURE, PostState.APPROVED, local(2026, 3, 30))
    post(g1, Board.EXPOSURE, PostState.REJECTED, local(2026, 3, 6))
    post(g1, Board.PRAISE, PostState.PENDING, None)
    post(g2, Board.PRAISE, PostState.APPROVED, local(2026, 4, 3))  # April
    return small_tree


@pytest.mark.parametrize(
    "code,total,grid1,grid2",
    [
        ("councils_held", 3, 2, 1),
        ("demands_raised", 4, 3, 1),
        ("demands_done", 2, 0, 2),
        ("board_posts", 2, 1, 1),
    ],
)
def test_participation_figures_equal_the_hand_count(participation_month, code, total, grid1, grid2):
    tree = participation_month
    for node, expected in [
        (tree["community"], total),
        (tree["grid1"], grid1),
        (tree["grid2"], grid2),
    ]:
        assert figures(node, MARCH).value(code) == expected, (code, node.code)
        assert len(_listed(code, node, MARCH)) == expected
    by_child = figures(tree["community"], MARCH, group="child")
    assert by_child.value(code, group=tree["grid2"].path) == grid2


def test_councils_due_counts_the_nodes_the_compliance_rules_require(small_tree):
    from gongzhi.org.choices import Level
    from gongzhi.participation.models import CompliancePolicy
    from gongzhi.participation.selectors import monthly_compliance

    node, grid1, grid2 = small_tree["community"], small_tree["grid1"], small_tree["grid2"]
    # By default grids and micro-grids must meet monthly: the two grids.
    assert figures(node, MARCH).value("councils_due") == 2
    assert figures(grid1, MARCH).value("councils_due") == 1
    assert figures(small_tree["b1"], MARCH).value("councils_due") == 0
    listed = _listed("councils_due", node, MARCH)
    assert [r["grid"] for r in listed] == [grid1.name, grid2.name]
    by_child = figures(small_tree["street"], MARCH, group="child")
    assert by_child.value("councils_due", group=node.path) == 2
    # The same nodes as the compliance page, under whatever rules the community sets.
    CompliancePolicy.objects.create(level=Level.COMMUNITY, monthly_required=True)
    CompliancePolicy.objects.create(level=Level.GRID, monthly_required=False)
    report = monthly_compliance(node=small_tree["district"], year=2026, month=3)
    assert figures(small_tree["district"], MARCH).value("councils_due") == report.required == 1
    assert [r["grid"] for r in _listed("councils_due", small_tree["district"], MARCH)] == [
        node.name
    ]


def test_demand_rows_do_not_copy_the_residents_words(participation_month):
    listed = _listed("demands_raised", participation_month["community"], MARCH)
    assert listed and all("凉亭" not in str(r) for r in listed)


def test_donated_items_received_and_delivered(small_tree, drive, place, kinds):  # noqa: F811
    with frozen_at(local(2026, 8, 3)):
        pledge_receive(
            pledge=pledge_create(
                drive=drive, donor_name="张三", items=[(kinds["notebook"], 10), (kinds["bag"], 3)]
            ),
            place=place,
        )
    with frozen_at(local(2026, 8, 20)):
        pledge_receive(
            pledge=pledge_create(drive=drive, donor_name="李四", items=[(kinds["notebook"], 5)]),
            place=place,
        )
    with frozen_at(local(2026, 9, 1, 9)):  # September
        pledge_receive(
            pledge=pledge_create(drive=drive, donor_name="王五", items=[(kinds["bag"], 40)]),
            place=place,
        )

    def deliver(items, done_at, *, complete=True):
        with frozen_at(done_at):
            delivery = delivery_create(
                drive=drive,
                place=place,
                beneficiary_kind=BeneficiaryKind.SCHOOL,
                recipient_name="玉树州第一民族小学",
                node=small_tree["community"],
                scheduled_on=done_at.date(),
                items=items,
            )
            if complete:
                delivery_sign_off(delivery=delivery, signed_by_name="扎西校长")
                delivery_complete(delivery=delivery)

    deliver([(kinds["notebook"], 4), (kinds["bag"], 2)], local(2026, 8, 10))
    deliver([(kinds["notebook"], 3)], local(2026, 8, 12), complete=False)  # allocated only
    deliver([(kinds["bag"], 7)], local(2026, 9, 2))  # September
    f = figures(small_tree["community"], AUGUST)
    assert f.value("donated_items_received") == 18
    assert f.value("donated_items_delivered") == 6
    received = _listed("donated_items_received", small_tree["community"], AUGUST)
    delivered = _listed("donated_items_delivered", small_tree["community"], AUGUST)
    assert sum(r["amount"] for r in received) == 18 and len(received) == 3
    assert sum(r["amount"] for r in delivered) == 6 and len(delivered) == 2
    assert figures(small_tree["community"], Period(2026, 9)).value("donated_items_received") == 40
    assert figures(small_tree["grid1"], AUGUST).value("donated_items_received") == 0


def test_tasks_overdue_at_the_end_of_the_month(small_tree):
    from gongzhi.participation.choices import TaskSource, TaskState
    from gongzhi.participation.models import Task

    def task(node, due_at, state=TaskState.OPEN, done_at=None, created_at=None):
        Task.objects.create(
            title="修路灯",
            node=node,
            owner_name="物业",
            source=TaskSource.STAFF,
            due_days=5,
            due_at=due_at,
            state=state,
            done_at=done_at,
            created_at=created_at or local(2026, 3, 1),
            starts_at=created_at or local(2026, 3, 1),
        )

    g1, g2 = small_tree["grid1"], small_tree["grid2"]
    task(g1, local(2026, 3, 10), TaskState.OVERDUE)  # overdue, still open
    task(g1, local(2026, 3, 10), TaskState.DONE, done_at=local(2026, 4, 3))  # done only later
    task(g2, local(2026, 3, 20), TaskState.DONE, done_at=local(2026, 3, 25))  # done late in time
    task(g2, local(2026, 4, 10))  # not due yet at the end of March
    task(g2, local(2026, 3, 5), TaskState.CANCELLED)
    task(g1, local(2026, 4, 2), created_at=local(2026, 4, 1))  # created in April
    now = local(2026, 5, 1)
    assert figures(small_tree["community"], MARCH, now=now).value("tasks_overdue") == 2
    assert figures(g1, MARCH, now=now).value("tasks_overdue") == 2
    assert figures(g2, MARCH, now=now).value("tasks_overdue") == 0
    listed = rows(KPIS["tasks_overdue"], records(KPIS["tasks_overdue"], g1, MARCH, now=now))
    assert len(listed) == 2
