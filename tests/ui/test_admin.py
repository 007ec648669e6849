import json

import pytest
from django.urls import reverse

from gongzhi.core.models import AuditEntry
from gongzhi.org.choices import Level
from gongzhi.org.models import BoundaryStamp, Node, RoleAssignment
from gongzhi.org.roles import Role
from tests.ui.conftest import login
from tests.ui.factories import box


@pytest.fixture
def admin_client(make_user):
    return login(make_user(username="root", is_staff=True, is_superuser=True))


def stamp() -> int:
    row = BoundaryStamp.objects.filter(pk=1).first()
    return row.version if row else 0


@pytest.mark.parametrize(
    "model",
    [
        "node",
        "household",
        "person",
        "party",
        "partnerunit",
        "partyorg",
        "hubhousehold",
        "roleassignment",
    ],
)
def test_admin_lists_and_add_forms_render(xs, residents, admin_client, model):
    assert admin_client.get(reverse(f"admin:org_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:org_{model}_add")).status_code == 200


def test_admin_person_search_by_name_and_phone(xs, residents, admin_client):
    url = reverse("admin:org_person_changelist")
    by_name = admin_client.get(url, {"q": "张建国"}).context["cl"].result_list
    by_phone = admin_client.get(url, {"q": "13712345678"}).context["cl"].result_list
    assert [p.name for p in by_name] == ["张建国"]
    assert [p.name for p in by_phone] == ["李四"]


def node_form(parent, **fields):
    data = {
        "level": Level.GRID,
        "name": "第9网格",
        "code": "CC-KFQ-XS-G9",
        "boundary": "",
        "household_count": "0",
        "population": "0",
        "description": "",
        "treebeard_position": "first-child",
        "treebeard_ref_node": str(parent.pk) if parent else "",
        "_save": "1",
    }
    data.update(fields)
    return data


def test_admin_adds_node_with_boundary_through_the_service(xs, admin_client):
    before = stamp()
    boundary = box(120.91, 32.01, 0.01)
    response = admin_client.post(
        reverse("admin:org_node_add"), node_form(xs.community, boundary=json.dumps(boundary))
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    node = Node.objects.get(code="CC-KFQ-XS-G9")
    assert Node.objects.get_parent(node) == xs.community
    assert node.bbox == pytest.approx((120.91, 32.01, 120.92, 32.02))
    assert stamp() > before
    assert AuditEntry.objects.filter(
        action="org.node.boundary_changed", object_id=str(node.pk)
    ).exists()
    assert AuditEntry.objects.filter(action="org.node.admin_added", object_id=str(node.pk)).exists()


def test_admin_refuses_node_level_that_cannot_sit_under_the_parent(xs, admin_client):
    response = admin_client.post(
        reverse("admin:org_node_add"), node_form(xs.street, level=Level.MICROGRID)
    )
    assert response.status_code == 200
    assert not Node.objects.filter(code="CC-KFQ-XS-G9").exists()


def test_admin_refuses_invalid_boundary(xs, admin_client):
    bad = {"type": "Point", "coordinates": [120.9, 32.0]}
    response = admin_client.post(
        reverse("admin:org_node_add"), node_form(xs.community, boundary=json.dumps(bad))
    )
    assert response.status_code == 200
    assert "boundary" in response.context["adminform"].form.errors
    assert not Node.objects.filter(code="CC-KFQ-XS-G9").exists()


def test_admin_drag_and_drop_refuses_a_move_against_the_level_rules(xs, admin_client):
    url = reverse("admin:org_node_changelist") + "move/"
    grid = xs.grids[0]
    response = admin_client.post(
        url, {"node": grid.pk, "target": xs.street.pk, "relation": "child"}
    )
    assert response.status_code == 400
    grid.refresh_from_db()
    assert Node.objects.get_parent(grid) == xs.community


def test_admin_drag_and_drop_moves_a_grid_and_invalidates_the_index(xs, admin_client):
    from gongzhi.org.services import node_create

    other = node_create(parent=xs.street, level=Level.COMMUNITY, name="另一社区", code="OTHER")
    before = stamp()
    url = reverse("admin:org_node_changelist") + "move/"
    response = admin_client.post(
        url, {"node": xs.grids[2].pk, "target": other.pk, "relation": "child"}
    )
    assert response.status_code == 200
    assert Node.objects.get_parent(Node.objects.get(pk=xs.grids[2].pk)) == other
    assert stamp() > before
    assert AuditEntry.objects.filter(action="org.node.admin_moved").exists()


def test_admin_role_assignment_goes_through_the_service(xs, admin_client, make_user):
    user = make_user(username="newcomer")
    response = admin_client.post(
        reverse("admin:org_roleassignment_add"),
        {
            "user": user.pk,
            "role": Role.GRID_WORKER,
            "node": xs.grids[0].pk,
            "party": "",
            "_save": "1",
        },
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=user)
    assert AuditEntry.objects.filter(
        action="org.role.assigned", object_id=str(assignment.pk)
    ).exists()
    response = admin_client.post(
        reverse("admin:org_roleassignment_delete", args=[assignment.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEntry.objects.filter(action="org.role.revoked").exists()


def test_admin_person_change_is_audited(xs, residents, admin_client):
    person = residents["li"]
    url = reverse("admin:org_person_change", args=[person.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {"name": "李四新", "node": person.node_id, "household": person.household_id, "_save": "1"}
    )
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.filter(action="org.person.admin_changed").latest("pk")
    assert entry.object_id == str(person.pk)
