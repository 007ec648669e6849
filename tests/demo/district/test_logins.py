import pytest
from django.contrib.auth import get_user_model
from django.http import Http404

from gongzhi.org.access import can, get_for
from gongzhi.org.demo import places
from gongzhi.org.demo.logins import DEFAULT_PASSWORD, LOGINS
from gongzhi.org.models import Household, Node, Person, RoleAssignment
from gongzhi.org.roles import Role

User = get_user_model()


def test_every_demo_login_exists_with_the_demo_password(demo_db):
    usernames = [row["username"] for row in demo_db["logins"]]
    assert usernames == [spec.username for spec in LOGINS]
    for username in usernames:
        assert User.objects.get(username=username).check_password(DEFAULT_PASSWORD)
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(username="admin").exists()


def test_grid_worker_sees_only_the_people_of_their_grid(demo_db):
    worker = User.objects.get(username="wanggeyuan1")
    grid = Node.objects.get(code=places.XINSHENG_GRID_CODES[0])
    visible = Person.objects.visible_to(worker)
    assert visible.count() == Person.objects.filter(node__path__startswith=grid.path).count() > 0
    assert not visible.exclude(node__path__startswith=grid.path).exists()
    neighbour = Person.objects.filter(node__code__startswith=places.XINSHENG_GRID_CODES[1]).first()
    with pytest.raises(Http404):
        get_for(worker, Person, pk=neighbour.pk)
    assert worker.person.is_grid_worker and worker.person.node == grid


def test_community_staff_sees_the_whole_community_and_dispatches(demo_db):
    staff = User.objects.get(username="shequ")
    xinsheng = Node.objects.get(code=places.XINSHENG_CODE)
    residents = Person.objects.filter(node__path__startswith=xinsheng.path)
    assert Person.objects.visible_to(staff).count() == residents.count()
    roles = set(RoleAssignment.objects.filter(user=staff).values_list("role", flat=True))
    assert roles == {Role.STAFF, Role.DISPATCHER}
    assert can(staff, "org.manage_roles", xinsheng)
    assert not can(staff, "org.manage_roles", Node.objects.get_parent(xinsheng))


def test_department_logins_are_bound_to_their_party(demo_db):
    officer = RoleAssignment.objects.get(user__username="zhifa")
    assert (officer.role, officer.node.code) == (Role.ENFORCEMENT_OFFICER, places.XINCHENGQIAO_CODE)
    assert officer.party.name == "新城桥街道综合行政执法局"
    handler = RoleAssignment.objects.get(user__username="wuye")
    assert (handler.role, handler.node.code) == (Role.HANDLER, places.XINSHENG_CODE)
    assert handler.party.name == "观河华府物业服务中心"
    supervisor = RoleAssignment.objects.get(user__username="jiedao")
    assert (supervisor.role, supervisor.node.code) == (Role.SUPERVISOR, places.KAIFAQU_CODE)


def test_resident_login_is_a_resident_with_no_roles_who_sees_nobody(demo_db):
    resident = User.objects.get(username="jumin")
    assert resident.person.household is not None
    assert not RoleAssignment.objects.filter(user=resident).exists()
    assert not Person.objects.visible_to(resident).exists()
    assert not Household.objects.visible_to(resident).exists()


def test_team_leader_and_store_clerk_work_for_the_community(demo_db):
    for username, role in (("duizhang", Role.TEAM_LEADER), ("dianyuan", Role.STORE_CLERK)):
        assignment = RoleAssignment.objects.get(user__username=username)
        assert (assignment.role, assignment.node.code) == (role, places.XINSHENG_CODE)
    assert User.objects.get(username="duizhang").person.is_volunteer
