import pytest
from django.http import Http404

from gongzhi.org.access import can, get_for
from gongzhi.org.models import Household, Person
from gongzhi.org.roles import Role
from gongzhi.org.services import household_create, person_create, role_assign


@pytest.fixture
def residents(small_tree):
    h1 = household_create(building=small_tree["b1"], unit="1单元101室")
    h2 = household_create(building=small_tree["b2"], unit="1单元202室")
    return {
        "h1": h1,
        "h2": h2,
        "p1": person_create(household=h1, name="张三", phone="13812341234"),
        "p2": person_create(household=h2, name="李四", phone="13912345678"),
    }


def test_grid_worker_sees_own_grid_only(small_tree, residents, make_user):
    worker = make_user()
    role_assign(user=worker, role=Role.GRID_WORKER, node=small_tree["grid1"])
    assert get_for(worker, Person, pk=residents["p1"].pk) == residents["p1"]
    assert get_for(worker, Household, pk=residents["h1"].pk) == residents["h1"]
    with pytest.raises(Http404):
        get_for(worker, Person, pk=residents["p2"].pk)
    with pytest.raises(Http404):
        get_for(worker, Household, pk=residents["h2"].pk)
    assert list(Person.objects.visible_to(worker)) == [residents["p1"]]


def test_missing_and_forbidden_answer_alike(small_tree, residents, make_user):
    worker = make_user()
    role_assign(user=worker, role=Role.GRID_WORKER, node=small_tree["grid1"])
    for pk in (residents["p2"].pk, 999999, "not-a-number"):
        with pytest.raises(Http404):
            get_for(worker, Person, pk=pk)


def test_community_staff_sees_every_grid(small_tree, residents, make_user):
    staff = make_user()
    role_assign(user=staff, role=Role.STAFF, node=small_tree["community"])
    assert set(Person.objects.visible_to(staff)) == {residents["p1"], residents["p2"]}
    assert can(staff, "org.manage_roles", small_tree["grid2"])
    assert not can(staff, "org.manage_roles", small_tree["street"])


def test_user_without_roles_sees_nobody(residents, make_user):
    assert not Person.objects.visible_to(make_user()).exists()
    assert not Person.objects.visible_to(None).exists()


def test_handler_role_does_not_grant_people(small_tree, residents, make_user):
    handler = make_user()
    role_assign(user=handler, role=Role.HANDLER, node=small_tree["community"])
    assert not Person.objects.visible_to(handler).exists()
