from django.urls import reverse

from gongzhi.core.models import AuditEntry
from gongzhi.org.choices import Force
from gongzhi.org.models import Party, PartyBinding, RoleAssignment
from gongzhi.org.roles import Role
from tests.ui.conftest import login

ADD = reverse("org:role_add")


def add_role(client, username, role, node, party=None):
    data = {"username": username, "role": role, "node": node.code}
    if party is not None:
        data["party"] = party.pk
    return client.post(ADD, data)


def test_staff_lists_only_assignments_in_their_subtree(xs, staff, worker, user_with_role):
    user_with_role(Role.STAFF, xs.street, username="street_staff")
    response = login(staff).get(reverse("org:roles"))
    usernames = {a.user.username for a in response.context["page"]}
    assert usernames == {"staff", "worker1"}


def test_grid_worker_may_not_open_role_pages(xs, worker):
    client = login(worker)
    assert client.get(reverse("org:roles")).status_code == 403
    assert client.get(ADD).status_code == 403


def test_staff_gives_a_grid_worker_role_which_is_audited(xs, staff, make_user):
    newcomer = make_user(username="newcomer")
    response = add_role(login(staff), "newcomer", Role.GRID_WORKER, xs.grids[1])
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=newcomer)
    assert (assignment.role, assignment.node) == (Role.GRID_WORKER, xs.grids[1])
    entry = AuditEntry.objects.filter(action="org.role.assigned").latest("pk")
    assert entry.actor == staff


def test_node_outside_the_actors_subtree_is_refused(xs, staff, make_user):
    make_user(username="newcomer")
    response = add_role(login(staff), "newcomer", Role.GRID_WORKER, xs.street)
    assert response.status_code == 403
    assert not RoleAssignment.objects.filter(user__username="newcomer").exists()


def test_role_with_more_rights_than_the_actor_is_refused_on_the_form(xs, staff, make_user):
    make_user(username="newcomer")
    response = add_role(login(staff), "newcomer", Role.ADMIN, xs.grids[0])
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(user__username="newcomer").exists()


def test_unknown_user_unknown_node_and_duplicate_are_named(xs, staff, worker):
    client = login(staff)
    form = add_role(client, "ghost", Role.GRID_WORKER, xs.grids[0]).context["form"]
    assert "ghost" in form.errors["username"][0]
    response = client.post(ADD, {"username": "worker1", "role": Role.GRID_WORKER, "node": "NOPE"})
    assert "node" in response.context["form"].errors
    duplicate = add_role(client, "worker1", Role.GRID_WORKER, xs.grids[0]).context["form"]
    assert "worker1" in duplicate.non_field_errors()[0]


def test_node_choices_offer_only_the_actors_subtree(xs, staff):
    form = login(staff).get(ADD).context["form"]
    offered = {code for code, _label in form.fields["node"].widget.choices if code}
    assert offered == {xs.community.code} | {n.code for n in xs.grids + xs.microgrids}


def test_party_must_serve_the_actors_area(xs, staff, make_user):
    make_user(username="handler")
    inside = Party.objects.create(name="观河华府物业", force=Force.PROPERTY_MANAGER)
    PartyBinding.objects.create(party=inside, node=xs.grids[0])
    outside = Party.objects.create(name="开发区执法局", force=Force.ENFORCEMENT)
    PartyBinding.objects.create(party=outside, node=xs.street)
    client = login(staff)
    refused = add_role(client, "handler", Role.HANDLER, xs.grids[0], party=outside)
    assert "party" in refused.context["form"].errors
    assert add_role(client, "handler", Role.HANDLER, xs.grids[0], party=inside).status_code == 302
    assert RoleAssignment.objects.get(user__username="handler").party == inside


def test_staff_revokes_a_role_in_their_subtree(xs, staff, worker):
    assignment = RoleAssignment.objects.get(user=worker)
    client = login(staff)
    url = reverse("org:role_revoke", args=[assignment.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEntry.objects.filter(action="org.role.revoked").exists()


def test_revoking_outside_the_subtree_is_404(xs, staff, user_with_role):
    other = user_with_role(Role.STAFF, xs.street)
    assignment = RoleAssignment.objects.get(user=other)
    response = login(staff).post(reverse("org:role_revoke", args=[assignment.pk]))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_revoking_a_role_above_the_actors_rights_is_403(xs, staff, user_with_role):
    auditor = user_with_role(Role.AUDITOR, xs.community)
    assignment = RoleAssignment.objects.get(user=auditor)
    response = login(staff).post(reverse("org:role_revoke", args=[assignment.pk]))
    assert response.status_code == 403
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_role_list_filters_by_node_and_role(xs, staff, worker):
    client = login(staff)
    response = client.get(reverse("org:roles"), {"node": xs.grids[0].code})
    assert [a.user.username for a in response.context["page"]] == ["worker1"]
    response = client.get(reverse("org:roles"), {"role": Role.STAFF})
    assert [a.user.username for a in response.context["page"]] == ["staff"]
    assert client.get(reverse("org:roles"), {"node": xs.street.code}).status_code == 404
