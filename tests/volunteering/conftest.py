from datetime import timedelta

import pytest
from django.utils import timezone

from gongzhi.org.services import person_create
from gongzhi.volunteering.choices import TeamRole
from gongzhi.volunteering.services import (
    activity_create,
    activity_publish,
    team_create,
    team_member_set,
)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def team(small_tree):
    return team_create(node=small_tree["community"], name="红网服务队一队")


@pytest.fixture
def make_person(small_tree, make_user):
    def make(name="志愿者", *, node=None, user=True, **fields):
        return person_create(
            node=node or small_tree["b1"],
            name=name,
            user=make_user() if user else None,
            **fields,
        )

    return make


@pytest.fixture
def leader(team, make_person):
    person = make_person("王队长")
    team_member_set(team=team, person=person, role=TeamRole.LEADER)
    return person


@pytest.fixture
def make_activity(team, now):
    """A published activity starting in two hours by default, sign-up open now."""

    def make(publish=True, **fields):
        values = {
            "title": "政策宣讲",
            "location": "树下议事厅",
            "starts_at": now + timedelta(hours=2),
            "ends_at": now + timedelta(hours=4),
            "capacity": 2,
            "signup_opens_at": now - timedelta(days=1),
            "signup_closes_at": now + timedelta(hours=1),
        }
        values.update(fields)
        activity = activity_create(team=team, **values)
        if publish:
            activity = activity_publish(activity=activity)
        return activity

    return make
