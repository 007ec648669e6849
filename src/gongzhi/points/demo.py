"""Demo data for the points app: rules, a stocked store and a month of awards for 新胜社区.

``build_points_demo()`` runs after the demo district exists; it finds the community by code or
by name, does nothing when it is not there, and can run any number of times: rules already set
are kept, goods are stocked once, and awards carry fixed idempotency keys.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.db.transaction import atomic
from django.utils import timezone

from gongzhi.org.choices import Level, PartnerKind
from gongzhi.org.models import Node, PartnerUnit, Person
from gongzhi.points.choices import LimitPeriod, OrderState, Reason
from gongzhi.points.models import GoodDeed, Goods, Order, PointsRule
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import (
    good_deed_propose,
    goods_create,
    order_place,
    points_award,
    rule_set,
    stock_donate,
)

COMMUNITY_NAME = "新胜社区"

RULES = [
    # reason, points per unit, daily cap, monthly cap
    (Reason.SERVICE_HOUR, 10, 40, 300),
    (Reason.VERIFIED_REPORT, 5, 15, 60),
    (Reason.COUNCIL_ATTENDANCE, 10, None, 30),
    (Reason.GOOD_DEED, 20, 20, 100),
]

GOODS = [
    # name, price, stock, limit per person per month, description
    ("洗衣液", 60, 30, 2, "2公斤装，共建单位捐赠"),
    ("大米", 120, 20, 1, "5公斤装东北大米"),
    ("毛巾", 30, 50, None, "纯棉毛巾一条"),
    ("食用油", 150, 10, 1, "1.8升花生油"),
    ("环保购物袋", 10, 80, None, "可折叠，社区定制"),
]

DONORS = ["润发超市（共建单位）", "观河华府物业服务中心"]

# (hours, days ago) for the people on the wall, so that the month is not empty.
SERVICE = [(3, 2), (2.5, 5), (2, 9), (4, 12), (1.5, 16), (3, 20), (2, 24), (1, 27)]


def _community(code: str | None) -> Node | None:
    nodes = Node.objects.filter(level=Level.COMMUNITY)
    if code:
        return nodes.filter(code=code).first()
    return nodes.filter(name=COMMUNITY_NAME).first() or nodes.filter(name__contains="新胜").first()


def _donors(community: Node) -> list[PartnerUnit]:
    existing = list(
        PartnerUnit.objects.filter(node__path__startswith=community.path).order_by("pk")[:3]
    )
    if existing:
        return existing
    return [
        PartnerUnit.objects.get_or_create(
            node=community, name=name, defaults={"kind": PartnerKind.PARTNER_UNIT}
        )[0]
        for name in DONORS
    ]


def _rules(community: Node) -> None:
    for reason, per_unit, daily, monthly in RULES:
        if not PointsRule.objects.filter(community=community, reason=reason).exists():
            rule_set(
                community=community,
                reason=reason,
                points_per_unit=per_unit,
                daily_cap=daily,
                monthly_cap=monthly,
            )


def _goods(community: Node, donors: list[PartnerUnit]) -> list[Goods]:
    shelves = []
    for index, (name, price, stock, limit, description) in enumerate(GOODS):
        goods = Goods.objects.filter(community=community, name=name).first()
        if goods is None:
            goods = goods_create(
                community=community,
                actor=None,
                name=name,
                price=price,
                description=description,
                donor=donors[index % len(donors)],
                limit_period=LimitPeriod.MONTH if limit else LimitPeriod.NONE,
                limit_per_person=limit,
            )
            stock_donate(goods=goods, quantity=stock, actor=None, note="demo")
            goods.refresh_from_db()
        shelves.append(goods)
    return shelves


def _people(community: Node) -> list[Person]:
    residents = Person.objects.filter(node__path__startswith=community.path).filter(
        Q(is_volunteer=True) | Q(is_resident=True)
    )
    return list(residents.order_by("-is_volunteer", "pk")[:12])


def _awards(people: list[Person]) -> int:
    now = timezone.now()
    booked = 0
    for index, person in enumerate(people):
        for step in range(1 + index % 3):
            hours, days_ago = SERVICE[(index + step * 3) % len(SERVICE)]
            txn = points_award(
                person=person,
                reason=Reason.SERVICE_HOUR,
                quantity=Decimal(str(hours)),
                idempotency_key=f"demo.points:{person.pk}:service:{step}",
                occurred_at=now - dt.timedelta(days=days_ago, hours=step),
            )
            booked += txn is not None
        if index % 4 == 0:
            points_award(
                person=person,
                reason=Reason.VERIFIED_REPORT,
                quantity=2,
                idempotency_key=f"demo.points:{person.pk}:report",
                occurred_at=now - dt.timedelta(days=3),
            )
    return booked


def build_points_demo(*, community_code: str | None = None) -> dict | None:
    """Fill the points app for the demo community; None when the community is not there."""
    community = _community(community_code)
    if community is None:
        return None
    with atomic():
        _rules(community)
        goods = _goods(community, _donors(community))
        people = _people(community)
        _awards(people)
        if people and not GoodDeed.objects.filter(person__in=people).exists():
            good_deed_propose(
                person=people[-1],
                description="雨天主动为楼道老人送菜上门，连续一周。",
                occurred_on=timezone.localdate() - dt.timedelta(days=1),
                actor=None,
            )
        # One open order, so that the clerk's page has a code to check.
        buyer = next((p for p in people if p.user_id), people[0] if people else None)
        if buyer and not Order.objects.filter(person=buyer, state=OrderState.PLACED).exists():
            towel = next(g for g in goods if g.name == "毛巾")
            if person_balance(buyer) >= towel.price and towel.stock:
                order_place(person=buyer, goods=towel, actor=None)
    return {"community": community.code, "goods": len(goods), "people": len(people)}
