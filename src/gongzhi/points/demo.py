"""Demo data for the points app: rules, a stocked store, a good deed and an open order for
新胜社区.

Two builders, registered with the demo district (``gongzhi demo``): ``build_points_rules_demo``
runs first, before the other apps' demo data, so that the demo's verified reports (cases) and
past volunteer check-outs (volunteering) earn their points through the same hooks as in real
use — every service or report point on the wall has an attendance or a case behind it. Then,
after them, ``build_points_demo`` stocks the store and places one order, so that the clerk has a
code to check. Both find the community by code or by name, do nothing when it is not there, and
can run any number of times: rules already set are kept, goods are stocked once.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.db.transaction import atomic
from django.utils import timezone

from gongzhi.org.choices import Level, PartnerKind
from gongzhi.org.models import Node, PartnerUnit, Person
from gongzhi.points.choices import AccountKind, LimitPeriod, Reason
from gongzhi.points.models import Account, GoodDeed, Goods, Order, PointsRule
from gongzhi.points.services import (
    good_deed_propose,
    goods_create,
    order_place,
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


def _rules(community: Node) -> int:
    created = 0
    for reason, per_unit, daily, monthly in RULES:
        if not PointsRule.objects.filter(community=community, reason=reason).exists():
            rule_set(
                community=community,
                reason=reason,
                points_per_unit=per_unit,
                daily_cap=daily,
                monthly_cap=monthly,
            )
            created += 1
    return created


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


def build_points_rules_demo(run=None, *, community_code: str | None = None) -> dict | None:
    """Set the demo community's point rules (kept when already set); None without it."""
    community = _community(community_code)
    if community is None:
        if run is not None:
            run.say("points demo: 新胜社区 is not there; skipped")
        return None
    with atomic():
        created = _rules(community)
    if run is not None:
        run.count("point rules", created)
    return {"community": community.code, "rules": created}


def _buyer(community: Node, price: int):
    """The resident with a login and the most points, when they can afford ``price``."""
    account = (
        Account.objects.filter(
            kind=AccountKind.PERSON,
            person__node__path__startswith=community.path,
            person__user__isnull=False,
            balance__gte=price,
        )
        .select_related("person")
        .order_by("-balance", "pk")
        .first()
    )
    return account.person if account else None


def build_points_demo(run=None, *, community_code: str | None = None) -> dict | None:
    """Stock the demo community's store, propose a good deed and place one open order.

    Sets the rules too when ``build_points_rules_demo`` has not run. None when the community is
    not there.
    """
    community = _community(community_code)
    if community is None:
        return None
    with atomic():
        _rules(community)
        before = Goods.objects.filter(community=community).count()
        goods = _goods(community, _donors(community))
        people = _people(community)
        if people and not GoodDeed.objects.filter(person__in=people).exists():
            good_deed_propose(
                person=people[-1],
                description="雨天主动为楼道老人送菜上门，连续一周。",
                occurred_on=timezone.localdate() - dt.timedelta(days=1),
                actor=None,
            )
        # One open order, so that the clerk's page has a code to check.
        towel = next(g for g in goods if g.name == "毛巾")
        if not Order.objects.filter(goods__community=community).exists() and towel.stock:
            buyer = _buyer(community, towel.price)
            if buyer is not None:
                order_place(person=buyer, goods=towel, actor=None)
    if run is not None:
        # Counted in the database: other builders (charity) may stock goods of their own.
        run.count("store goods", Goods.objects.filter(community=community).count() - before)
    return {"community": community.code, "goods": len(goods), "people": len(people)}
