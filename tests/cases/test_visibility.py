"""Who sees which case; the public face of a case is masked."""

import pytest
from django.http import Http404

from gongzhi.cases.choices import State
from gongzhi.cases.models import Case
from gongzhi.cases.selectors import (
    available_actions,
    case_for,
    case_timeline,
    my_reports,
    public_case_data,
    public_cases,
)

from .helpers import drive


def test_who_sees_a_case(world, report, make_user):
    case = drive(world, report(), State.DISPATCHED)
    users = world["users"]
    seeing = {name for name, user in users.items() if Case.objects.visible_to(user).exists()}
    assert seeing == {
        "staff",
        "dispatcher",
        "grid_worker",
        "supervisor",
        "street_supervisor",
        "handler",  # dispatched to their party
        "resident",  # their own report
    }
    with pytest.raises(Http404):
        case_for(users["other_grid_worker"], case.reference)
    assert case_for(users["handler"], case.reference) == case


def test_handler_loses_sight_when_returned(world, report):
    case = drive(world, report(), State.RETURNED)
    assert not Case.objects.visible_to(world["users"]["handler"]).filter(pk=case.pk).exists()


def test_resident_sees_only_their_own_reports(world, report, make_user):
    mine = report()
    report(actor=world["users"]["staff"], channel="staff")
    assert list(my_reports(world["users"]["resident"])) == [mine]
    assert list(Case.objects.visible_to(world["users"]["resident"])) == [mine]


def test_available_actions_follow_role_and_state(world, report):
    case = report()
    users = world["users"]
    assert available_actions(users["dispatcher"], case) == ["accept", "reject", "merge", "park"]
    assert available_actions(users["handler"], case) == []
    case = drive(world, case, State.DISPATCHED)
    assert available_actions(users["handler"], case) == ["start_handling", "return", "resolve"]
    assert available_actions(users["resident"], case) == []


def test_public_face_is_masked(world, report):
    from gongzhi.org.services import person_create

    person = person_create(
        node=world["b1"], name="王小明", phone="13812345678", user=world["users"]["resident"]
    )
    case = report(
        is_public=True,
        address="观河华府3幢2单元502室",
        reporter_name="王小明",
        reporter_phone="13812345678",
    )
    drive(world, case, State.REJECTED)
    assert not public_cases().exists()  # rejected cases are not shown
    case = report(is_public=True, address="观河华府3幢2单元502室")
    assert case.reporter_person == person
    data = public_case_data(public_cases().get())
    assert data["address"] == "观河华府3幢"
    assert data["reporter"] == "王*明"
    assert "13812345678" not in str(data)
    assert data["lat"] == round(case.lat, 3)
    assert [e["action"] for e in data["timeline"]] == ["report"]


def test_anonymous_public_case_shows_no_reporter(world, report):
    report(is_public=True, is_anonymous=True, reporter_name="李四")
    assert public_case_data(public_cases().get())["reporter"] == ""


def test_private_events_stay_off_the_public_timeline(world, report):
    case = drive(world, report(), State.RETURNED)
    actions = [e.action for e in case_timeline(case, public_only=True)]
    assert "return" not in actions and "dispatch" in actions
    assert "return" in [e.action for e in case_timeline(case)]
