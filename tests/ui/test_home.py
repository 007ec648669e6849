from django.urls import reverse

from gongzhi.org.roles import Role
from tests.ui.conftest import login


def test_anonymous_home_is_the_public_portal_with_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("login") in body
    assert reverse("portal:map") in body
    assert "panels" not in response.context


def test_staff_home_lists_their_roles_nodes_and_management_links(xs, staff):
    body = login(staff).get(reverse("home")).content.decode()
    assert "新胜社区" in body
    assert xs.community.get_absolute_url() in body
    assert reverse("org:roles") in body


def test_grid_worker_home_has_no_role_management(xs, worker):
    body = login(worker).get(reverse("home")).content.decode()
    assert "第1网格" in body
    assert reverse("org:roles") not in body


def test_user_without_roles_is_told_so(db, make_user):
    response = login(make_user()).get(reverse("home"))
    assert response.context["panels"] == []
    assert reverse("org:browser") in response.content.decode()


def test_handler_home_names_their_party(xs, user_with_role, make_user):
    from gongzhi.org.models import Party
    from gongzhi.org.services import role_assign

    party = Party.objects.create(name="观河华府物业", force="property_manager")
    handler = make_user()
    role_assign(user=handler, role=Role.HANDLER, node=xs.grids[0], party=party)
    assert "观河华府物业" in login(handler).get(reverse("home")).content.decode()


def test_login_page_renders_form_with_labels(client, db):
    body = client.get(reverse("login")).content.decode()
    assert 'for="id_username"' in body and 'for="id_password"' in body


def test_error_pages_use_the_site_layout(xs, worker):
    client = login(worker)
    forbidden = client.get(reverse("org:roles"))
    assert forbidden.status_code == 403
    assert 'class="topbar"' in forbidden.content.decode()
    missing = client.get(reverse("org:node_detail", args=["NOPE"]))
    assert missing.status_code == 404
    assert 'class="topbar"' in missing.content.decode()
