import datetime as dt

import pytest
from django.utils import timezone

from gongzhi.org.roles import Role
from gongzhi.org.services import person_create, role_assign
from gongzhi.points.choices import Reason
from gongzhi.points.services import goods_create, points_adjust, rule_set, stock_donate


@pytest.fixture
def community(small_tree):
    return small_tree["community"]


@pytest.fixture
def staff(make_user, community):
    user = make_user("staff")
    role_assign(user=user, role=Role.STAFF, node=community)
    return user


@pytest.fixture
def clerk(make_user, community):
    user = make_user("clerk")
    role_assign(user=user, role=Role.STORE_CLERK, node=community)
    return user


@pytest.fixture
def make_person(small_tree, make_user):
    """A resident of building b1 (or ``node``), with a login unless ``user=False``."""
    counter = {"n": 0}

    def make(name=None, node=None, user=True, **fields):
        counter["n"] += 1
        login = make_user(f"resident{counter['n']}") if user else None
        return person_create(
            node=node or small_tree["b1"],
            name=name or f"居民{counter['n']}",
            user=login,
            **fields,
        )

    return make


@pytest.fixture
def rules(community, staff):
    """10 points per service hour (30/day, 100/month); 5 per report; 20 per good deed."""
    return {
        Reason.SERVICE_HOUR: rule_set(
            community=community,
            reason=Reason.SERVICE_HOUR,
            points_per_unit=10,
            daily_cap=30,
            monthly_cap=100,
            actor=staff,
        ),
        Reason.VERIFIED_REPORT: rule_set(
            community=community, reason=Reason.VERIFIED_REPORT, points_per_unit=5, actor=staff
        ),
        Reason.GOOD_DEED: rule_set(
            community=community, reason=Reason.GOOD_DEED, points_per_unit=20, actor=staff
        ),
    }


@pytest.fixture
def fund(staff):
    """Give a person points by a staff adjustment (no caps), for store tests."""

    def give(person, amount):
        return points_adjust(person=person, amount=amount, memo="test funds", actor=staff)

    return give


@pytest.fixture
def make_goods(community, staff):
    def make(name="洗衣液", price=50, stock=10, **fields):
        goods = goods_create(community=community, actor=staff, name=name, price=price, **fields)
        if stock:
            stock_donate(goods=goods, quantity=stock, actor=staff)
        goods.refresh_from_db()
        return goods

    return make


def at(year, month, day, hour=10):
    return timezone.make_aware(dt.datetime(year, month, day, hour))
