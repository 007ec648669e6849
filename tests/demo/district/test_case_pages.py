"""The case pages over the demo district: every demo case opens for the community's staff,
each login lands on its own queue, the map counts 新胜社区's grids."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gongzhi.cases.models import Case


def _as(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_every_demo_case_page_opens_for_the_community_staff(demo_db):
    client = _as("shequ")
    cases = list(Case.objects.all())
    assert len(cases) >= 20
    for case in cases:
        response = client.get(case.get_absolute_url())
        assert response.status_code == 200, case.reference


@pytest.mark.parametrize(
    "username, queue",
    [("shequ", "mine"), ("wanggeyuan1", "grid"), ("wuye", "mine")],
)
def test_each_demo_login_lands_on_a_queue(demo_db, username, queue):
    response = _as(username).get(reverse("cases:queue"))
    assert response.status_code == 200
    assert response.context["queue"] in {queue, "grid", "mine"}


def test_the_handler_sees_only_the_property_companys_cases(demo_db):
    response = _as("wuye").get(reverse("cases:queue"), {"queue": "mine"})
    parties = {c.assigned_party.name for c in response.context["cases"]}
    assert parties == {"观河华府物业服务中心"}


def test_the_resident_sees_their_reports_and_a_rating_request(demo_db):
    body = _as("jumin").get(reverse("report:mine")).content.decode()
    assert Case.objects.filter(reporter_user__username="jumin").first().reference in body


def test_the_map_counts_xinshengs_grids(demo_db):
    data = _as("shequ").get(reverse("cases:map_data")).json()
    grids = {f["properties"]["name"]: f["properties"]["count"] for f in data["grids"]["features"]}
    assert len(grids) == 6 and sum(grids.values()) == len(data["points"]) > 0
