"""The demo cases: built through the services, idempotent, in every state."""

import pytest

from gongzhi.cases.choices import State
from gongzhi.cases.demo import COMMUNITY_CODE, PLAN, build_cases_demo
from gongzhi.cases.models import Case
from gongzhi.org.choices import Force, Level
from gongzhi.org.models import Party, PartyBinding
from gongzhi.org.roles import Role
from gongzhi.org.services import node_create, role_assign

from ..conftest import square


def _stand_in_district(make_user):
    """The few demo codes and logins the cases demo looks up (the real demo builds more)."""
    district = node_create(
        parent=None,
        level=Level.DISTRICT,
        name="崇川区",
        code="320602",
        boundary=square(120.9, 31.9, 0.2),
    )
    street = node_create(
        parent=district,
        level=Level.STREET,
        name="开发区",
        code="320602-kaifaqu",
        boundary=square(120.9, 31.9, 0.1),
    )
    community = node_create(
        parent=street,
        level=Level.COMMUNITY,
        name="新胜社区",
        code=COMMUNITY_CODE,
        boundary=square(120.9, 31.9, 0.06),
    )
    grids = [
        node_create(
            parent=community,
            level=Level.GRID,
            name=f"第{n}网格",
            code=f"{COMMUNITY_CODE}-g{n}",
            boundary=square(120.9 + 0.01 * (n - 1), 31.9, 0.01),
        )
        for n in range(1, 7)
    ]
    property_co = Party.objects.create(name="观河华府物业服务中心", force=Force.PROPERTY_MANAGER)
    PartyBinding.objects.create(party=property_co, node=community)
    bureau = Party.objects.create(name="开发区综合行政执法局", force=Force.ENFORCEMENT)
    PartyBinding.objects.create(party=bureau, node=street)
    role_assign(user=make_user("shequ"), role=Role.STAFF, node=community)
    role_assign(user=make_user("wuye"), role=Role.HANDLER, node=community, party=property_co)
    for n, grid in enumerate(grids, start=1):
        role_assign(user=make_user(f"wanggeyuan{n}"), role=Role.GRID_WORKER, node=grid)
    make_user("jumin")
    make_user("admin", is_superuser=True)


def test_demo_builds_every_state_once(db, make_user):
    assert build_cases_demo() == 0  # no district: nothing, no error
    _stand_in_district(make_user)
    assert build_cases_demo() == len(PLAN)
    assert build_cases_demo() == 0
    assert Case.objects.count() == len(PLAN)
    states = set(Case.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Case.objects.filter(reference__startswith="XS-").count() == len(PLAN)
    assert Case.objects.get(external_id="12345-2026-118203").channel == "hotline"


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
