"""Duplicates: near in space and time, same category, alike in words; support and merge."""

import pytest

from gongzhi.cases.choices import State
from gongzhi.cases.models import CaseSupport
from gongzhi.cases.selectors import duplicates_of, find_duplicates, haversine_m, similarity
from gongzhi.cases.services import case_merge, case_support
from gongzhi.cases.services.categories import policy_save

from .conftest import GRID1_POINT


def test_similarity_of_chinese_texts():
    assert similarity("3幢电梯停在5楼不动了", "3幢的电梯停在5楼不动") > 0.6
    assert similarity("3幢电梯停在5楼不动了", "小区门口占道经营卖水果") < 0.1
    assert similarity("", "电梯") == 0.0


def test_haversine_is_in_metres():
    assert haversine_m(32.0, 120.0, 32.001, 120.0) == pytest.approx(111.2, abs=0.5)


def test_near_alike_open_case_is_offered(world, report):
    first = report()
    matches = find_duplicates(
        category=world["lift"],
        text="3幢电梯停在5楼不动了,没人修",
        lat=GRID1_POINT["lat"] + 0.0002,  # about 22 m north
        lon=GRID1_POINT["lon"],
    )
    assert [m.case for m in matches] == [first]
    assert matches[0].distance_m == pytest.approx(22.2, abs=1)


@pytest.mark.parametrize(
    "change",
    [
        {"lat": GRID1_POINT["lat"] + 0.01},  # 1.1 km away
        {"text": "楼下有人占道经营卖水果"},  # different words
        {"category": "noise"},  # other category
    ],
)
def test_far_different_or_other_category_is_not_offered(world, report, change):
    report()
    args = {
        "category": world["lift"],
        "text": "3幢电梯停在5楼不动了",
        "lat": GRID1_POINT["lat"],
        "lon": GRID1_POINT["lon"],
    }
    if "category" in change:
        change = {"category": world[change["category"]]}
    args.update(change)
    assert find_duplicates(**args) == []


def test_closed_cases_are_not_offered(world, report):
    from .helpers import drive

    drive(world, report(), State.CLOSED)
    assert duplicates_of(report()) == []


def test_policy_radius_is_used(world, report, make_user):
    report()
    far = {"lat": GRID1_POINT["lat"] + 0.002, "lon": GRID1_POINT["lon"]}  # about 220 m
    args = {"category": world["lift"], "text": "3幢电梯停在5楼不动了", **far}
    assert find_duplicates(**args) == []
    admin = make_user("root", is_superuser=True)
    policy_save(actor=admin, node=world["community"], duplicate_radius_m=500)
    assert len(find_duplicates(**args)) == 1


def test_support_instead_of_a_new_report(world, report, make_user):
    case = report()
    neighbour = make_user("neighbour")
    case = case_support(case=case, actor=neighbour)
    case = case_support(case=case, actor=neighbour)  # twice counts once
    case = case_support(case=case, actor=world["users"]["resident"])  # the reporter: no-op
    assert case.support_count == 1
    assert CaseSupport.objects.filter(case=case).count() == 1
    assert case.events.filter(action="support", public=True).count() == 1


def test_dispatcher_merges_a_duplicate(world, report):
    first = report()
    second = report(description="3幢电梯又停在5楼了不动", lat=GRID1_POINT["lat"] + 0.0001)
    assert [m.case for m in duplicates_of(second)] == [first]
    merged = case_merge(case=second, into=first, actor=world["users"]["dispatcher"])
    assert merged.state == State.MERGED and merged.merged_into == first
    first.refresh_from_db()
    assert first.support_count == 1
    assert merged.events.get(action="merge").data["into"] == first.reference


def test_merge_into_itself_or_a_closed_case_is_refused(world, report):
    from django.core.exceptions import ValidationError

    from .helpers import drive

    case = report()
    with pytest.raises(ValidationError):
        case_merge(case=case, into=case, actor=world["users"]["dispatcher"])
    closed = drive(world, report(), State.CLOSED)
    with pytest.raises(ValidationError):
        case_merge(case=case, into=closed, actor=world["users"]["dispatcher"])
    case.refresh_from_db()
    assert case.state == State.REPORTED
