from django.urls import reverse

from gongzhi.org.roles import Role
from tests.ui.conftest import login


def person_url(person):
    return reverse("org:person_detail", args=[person.pk])


def household_url(household):
    return reverse("org:household_detail", args=[household.pk])


def test_grid_worker_sees_own_grids_person_with_full_contacts(residents, worker):
    response = login(worker).get(person_url(residents["zhang"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "张建国" in body
    assert "13812341234" in body
    assert "320602195001011231" in body
    assert "王秀英" in body  # the other household member
    assert "离退休党员" in body or "retired party member" in body


def test_grid_worker_gets_404_for_another_grids_person_and_household(residents, worker):
    client = login(worker)
    assert client.get(person_url(residents["li"])).status_code == 404
    assert client.get(household_url(residents["h2"])).status_code == 404
    assert (
        client.get(
            person_url(residents["li"]).replace(str(residents["li"].pk), "999999")
        ).status_code
        == 404
    )


def test_community_staff_sees_every_grids_people_and_households(residents, staff):
    client = login(staff)
    for url in (
        person_url(residents["zhang"]),
        person_url(residents["li"]),
        household_url(residents["h1"]),
        household_url(residents["h2"]),
    ):
        assert client.get(url).status_code == 200


def test_user_without_roles_sees_no_person(residents, make_user):
    assert login(make_user()).get(person_url(residents["zhang"])).status_code == 404


def test_supervisor_sees_person_with_masked_contacts(xs, residents, user_with_role):
    supervisor = user_with_role(Role.SUPERVISOR, xs.street)
    body = login(supervisor).get(person_url(residents["zhang"])).content.decode()
    assert "张建国" in body
    assert "13812341234" not in body
    assert "138****1234" in body
    assert "320602195001011231" not in body


def test_household_page_shows_members_and_hub_role(residents, staff):
    body = login(staff).get(household_url(residents["h1"])).content.decode()
    assert "张建国" in body and "王秀英" in body
    assert "第1-1微网格党小组" in body
    # It looks after grid 2's household, which the staff member may see.
    assert household_url(residents["h2"]) in body


def test_looked_after_household_is_hidden_from_who_may_not_see_it(residents, worker):
    # Grid 1's worker sees the hub household but not the grid-2 household it looks after.
    body = login(worker).get(household_url(residents["h1"])).content.decode()
    assert "第1-1微网格党小组" in body
    assert household_url(residents["h2"]) not in body


def test_looked_after_household_names_its_hub(residents, staff):
    body = login(staff).get(household_url(residents["h2"])).content.decode()
    assert "第1-1微网格党小组" in body
    assert "张*" in body  # the hub's member appears as on public pages
