"""The enforcement demo: 易家桥新村's sixteen structures demolished on 2026-07-19, built through
the services, idempotent."""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from gongzhi.enforcement.choices import RecordState
from gongzhi.enforcement.demo import build_enforcement_demo
from gongzhi.enforcement.demo_plan import DEMOLITION_DAY, YIJIAQIAO_CODE
from gongzhi.enforcement.models import (
    Detection,
    EnforcementAuthority,
    EnforcementDocument,
    IllegalStructure,
    Patrol,
)
from gongzhi.enforcement.selectors.campaign import revisits_due
from gongzhi.org.choices import Force, Level
from gongzhi.org.models import Party, PartyBinding
from gongzhi.org.roles import Role
from gongzhi.org.services import node_create, role_assign
from tests.conftest import square


def _stand_in_district(make_user):
    """The demo codes, names and logins the enforcement demo looks up."""
    district = node_create(
        parent=None,
        level=Level.DISTRICT,
        name="崇川区",
        code="320602",
        boundary=square(120.8, 32.0, 0.2),
    )
    street = node_create(
        parent=district,
        level=Level.STREET,
        name="新城桥街道",
        code="320602-xinchengqiao",
        boundary=square(120.86, 32.02, 0.04),
    )
    community = node_create(
        parent=street,
        level=Level.COMMUNITY,
        name="易家桥新村",
        code=YIJIAQIAO_CODE,
        boundary=square(120.87, 32.025, 0.012),
    )
    for g in range(3):
        grid = node_create(
            parent=community,
            level=Level.GRID,
            name=f"第{g + 1}网格",
            code=f"{YIJIAQIAO_CODE}-g{g + 1}",
            boundary=square(120.87 + 0.004 * g, 32.025, 0.004),
        )
        for b in range(4):
            node_create(
                parent=grid,
                level=Level.BUILDING,
                name=f"易家桥新村{g * 4 + b + 1}幢",
                code=f"{grid.code}-b{b + 1:02d}",
                boundary=square(120.8705 + 0.004 * g + 0.0009 * b, 32.0265, 0.0006),
            )
    bureau = Party.objects.create(name="新城桥街道综合行政执法局", force=Force.ENFORCEMENT)
    PartyBinding.objects.create(party=bureau, node=street)
    role_assign(user=make_user("zhifa"), role=Role.ENFORCEMENT_OFFICER, node=street, party=bureau)
    make_user("admin", is_superuser=True)
    return community


def test_demo_skips_without_the_district(db):
    assert build_enforcement_demo() is None
    assert not EnforcementAuthority.objects.exists()


def test_demo_builds_the_story_once(make_user):
    _stand_in_district(make_user)
    first = build_enforcement_demo()
    assert first["demolished"] == 16
    demolished = IllegalStructure.objects.filter(demolished_on=DEMOLITION_DAY)
    assert demolished.count() == 16
    assert demolished.aggregate(m2=Sum("area_removed"))["m2"] == Decimal("300.50")
    assert set(demolished.values_list("state", flat=True)) == {RecordState.DEMOLISHED}
    assert set(demolished.values_list("demolition_method", flat=True)) == {"self", "forced"}
    authority = EnforcementAuthority.objects.get(code="XCQ")
    assert authority.name == "新城桥街道综合行政执法局"
    numbers = set(EnforcementDocument.objects.values_list("number", flat=True))
    assert "崇新执拆字〔2026〕第0001号" in numbers and "崇新执告字〔2026〕第0011号" in numbers
    # Their revisits (2026-08-18 and 2026-10-17) are due.
    officer = authority.records.first().created_by
    due = revisits_due(officer)
    assert due.count() >= 16
    assert {r.record.demolished_on for r in due} == {DEMOLITION_DAY}
    states = set(IllegalStructure.objects.values_list("state", flat=True))
    assert {
        RecordState.FOUND,
        RecordState.INVESTIGATED,
        RecordState.STOP_ORDER_SERVED,
        RecordState.DEMOLITION_ORDER_SERVED,
        RecordState.REMINDED,
    } <= states
    assert Patrol.objects.count() >= 5
    assert Detection.objects.get().state == "pending"
    counts = (
        IllegalStructure.objects.count(),
        EnforcementDocument.objects.count(),
        Patrol.objects.count(),
    )
    second = build_enforcement_demo()
    assert set(second.values()) == {0}
    assert (
        IllegalStructure.objects.count(),
        EnforcementDocument.objects.count(),
        Patrol.objects.count(),
    ) == counts
    assert min(r.found_at for r in demolished).date() == dt.date(2026, 6, 8)
