import pytest
from django.test import Client

from gongzhi.org.models import HubHousehold, PartyOrg
from gongzhi.org.roles import Role
from gongzhi.org.services import household_create, person_create, role_assign
from tests.ui.factories import build_xinsheng


@pytest.fixture
def xs(db):
    """新胜社区 with 3 grids × 3 microgrids × 1 building."""
    return build_xinsheng()


@pytest.fixture
def residents(xs):
    """One household with two people in grid 1, one household in grid 2; grid 1's is a hub."""
    b1, b2 = xs.buildings[0], xs.buildings[3]
    h1 = household_create(building=b1, unit="2单元502室", address="观河华府11幢2单元502室")
    h2 = household_create(building=b2, unit="1单元101室")
    zhang = person_create(
        household=h1,
        name="张建国",
        phone="13812341234",
        id_number="320602195001011231",
        party_member_kind="retired",
        relation="户主",
    )
    wang = person_create(household=h1, name="王秀英", phone="13900001111", relation="配偶")
    li = person_create(household=h2, name="李四", phone="13712345678")
    group = PartyOrg.objects.create(node=xs.microgrids[0], kind="group", name="第1-1微网格党小组")
    hub = HubHousehold.objects.create(household=h1, member=zhang, group=group)
    hub.looked_after.add(h2)
    return {"h1": h1, "h2": h2, "zhang": zhang, "wang": wang, "li": li, "hub": hub}


@pytest.fixture
def user_with_role(make_user):
    def make(role, node, **extra):
        user = make_user(**extra)
        role_assign(user=user, role=role, node=node)
        return user

    return make


@pytest.fixture
def staff(xs, user_with_role):
    return user_with_role(Role.STAFF, xs.community, username="staff")


@pytest.fixture
def worker(xs, user_with_role):
    return user_with_role(Role.GRID_WORKER, xs.grids[0], username="worker1")


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
