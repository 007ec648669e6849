import pytest
from django.core.exceptions import PermissionDenied

from gongzhi.org.delegation import grantable_roles
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign


def test_staff_may_give_roles_within_their_rights_only(xs, staff):
    roles = set(grantable_roles(staff, xs.grids[0]))
    assert {Role.GRID_WORKER, Role.STAFF, Role.DISPATCHER, Role.HANDLER} <= roles
    assert not {Role.ADMIN, Role.SUPERVISOR, Role.AUDITOR} & roles
    assert grantable_roles(staff, xs.street) == []


def test_admin_and_superuser_may_give_every_role(xs, make_user, user_with_role):
    admin = user_with_role(Role.ADMIN, xs.community)
    assert set(grantable_roles(admin, xs.grids[0])) == set(Role.values)
    superuser = make_user(is_superuser=True)
    assert set(grantable_roles(superuser, xs.district)) == set(Role.values)


def test_service_refuses_escalation(xs, staff, make_user):
    with pytest.raises(PermissionDenied):
        role_assign(user=make_user(), role=Role.ADMIN, node=xs.grids[0], actor=staff)


def test_service_refuses_unknown_role(xs, make_user):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        role_assign(user=make_user(), role="overlord", node=xs.grids[0])
