"""Intake: placing, routing and its explanation, numbering, idempotency, answers, deadlines."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongzhi.cases.choices import Channel, State, Step
from gongzhi.cases.models import Case, CaseAnswer, CaseEvent
from gongzhi.cases.services import case_accept
from gongzhi.worktime import clock

from .conftest import GRID2_POINT


def test_report_is_placed_routed_and_explained(world, report):
    case = report()
    assert case.node == world["grid1"]
    assert case.routed_party == world["property_co"]
    assert case.routing["party"]["name"] == "观河华府物业服务中心"
    assert case.routing["bound_node"]["code"] == world["grid1"].code
    assert "测试社区 第1网格 → 电梯故障 → 观河华府物业服务中心" in case.routing_text
    assert case.state == State.REPORTED
    assert re.fullmatch(r"GZ-\d{8}-0001", case.reference)


def test_party_bound_above_the_grid_is_found_and_said(world, report):
    case = report(category=world["building"], answers={}, description="楼顶违章搭建彩钢棚")
    assert case.routed_party == world["bureau"]
    assert case.routing["bound_node"]["name"] == "测试街道"
    assert "第1网格" in case.routing_text and "测试街道" in case.routing_text


def test_no_party_bound_goes_to_the_community_queue(world, report):
    case = report(category=world["noise"], answers={}, description="楼上每天半夜装修噪音")
    assert case.routed_party is None
    assert case.routing["queue"]["code"] == world["community"].code
    assert "测试社区" in case.routing_text


def test_retry_with_same_idempotency_key_creates_nothing(world, report):
    first = report(idempotency_key="phone-abc-1")
    again = report(idempotency_key="phone-abc-1", description="完全不同的描述也不会新建")
    assert again.pk == first.pk and again.is_replay and not first.is_replay
    assert Case.objects.count() == 1
    assert CaseEvent.objects.count() == 1


def test_same_external_id_on_a_channel_is_the_same_case(world, report):
    staff = world["users"]["staff"]
    first = report(channel=Channel.HOTLINE, actor=staff, external_id="12345-0001", answers={})
    again = report(channel=Channel.HOTLINE, actor=staff, external_id="12345-0001", answers={})
    assert again.pk == first.pk
    other = report(channel=Channel.STAFF, actor=staff, external_id="12345-0001")
    assert other.pk != first.pk


def test_references_count_up_per_day(world, report):
    refs = [report().reference for _ in range(3)]
    assert [r[-4:] for r in refs] == ["0001", "0002", "0003"]
    assert len(set(refs)) == 3


def test_accept_deadline_comes_from_the_category_limit(world, report):
    before = timezone.now()
    case = report()
    assert case.step == Step.ACCEPT
    assert case.step_started_at >= before
    assert case.step_deadline_at == clock.deadline(case.step_started_at, 2, "hours", node=case.node)


def test_each_next_step_gets_its_own_deadline(world, report):
    from .helpers import drive

    case = drive(world, report(), State.ACCEPTED)
    assert case.step == Step.DISPATCH
    assert case.step_deadline_at == clock.deadline(case.step_started_at, 4, "hours")
    case = drive(world, report(), State.DISPATCHED)
    assert case.step == Step.HANDLE
    assert case.step_deadline_at == clock.deadline(case.step_started_at, 2, "days")
    case = drive(world, report(), State.RESOLVED)
    assert case.step == Step.VERIFY
    assert case.step_deadline_at == clock.deadline(case.step_started_at, 1, "days")
    case = drive(world, report(), State.CLOSED)
    assert (case.step, case.step_deadline_at) == ("", None)


def test_dispatched_to_handling_keeps_the_deadline(world, report):
    from .helpers import drive

    dispatched = drive(world, report(), State.DISPATCHED)
    handling = drive(world, report(), State.HANDLING)
    assert handling.step_seq == dispatched.step_seq  # same step, same clock


def test_answers_are_validated_and_stored(world, report):
    case = report(answers={"floor": "7", "trapped": "no"})
    stored = {a.question.code: a.value for a in CaseAnswer.objects.filter(case=case)}
    assert stored == {"floor": 7, "trapped": "no"}
    with pytest.raises(ValidationError) as info:
        report(answers={"trapped": "maybe", "colour": "red"})
    errors = info.value.message_dict
    assert set(errors) == {"answers.floor", "answers.trapped", "answers.colour"}
    assert Case.objects.count() == 1


def test_hotline_orders_need_not_answer_the_questions(world, report):
    case = report(channel=Channel.HOTLINE, actor=world["users"]["staff"], answers={})
    assert case.pk


def test_staff_channel_needs_the_role_at_the_place(world, report):
    with pytest.raises(PermissionDenied):
        report(channel=Channel.STAFF, actor=world["users"]["other_grid_worker"])
    with pytest.raises(PermissionDenied):
        report(channel=Channel.GRID_WORKER, actor=None)
    case = report(channel=Channel.GRID_WORKER, actor=world["users"]["grid_worker"])
    assert case.created_by == world["users"]["grid_worker"]
    assert case.reporter_user is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"description": "  "}, "description"),
        ({"description": "长" * 4001}, "description"),
        ({"lat": "north"}, "lat"),
        ({"lat": 95}, "lat"),
        ({"lon": 120.05, "lat": None}, "lat"),
        ({"lon": 10.0, "lat": 10.0}, "lat"),
        ({"reporter_phone": "<script>"}, "reporter_phone"),
        ({"reporter_email": "not-an-email"}, "reporter_email"),
        ({"crs": "mars"}, "crs"),
        ({"channel": "carrier-pigeon"}, "channel"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(world, report, overrides, field):
    with pytest.raises(ValidationError) as info:
        report(**overrides)
    assert field in info.value.message_dict
    assert not Case.objects.exists()


def test_group_category_is_refused(world, report):
    with pytest.raises(ValidationError) as info:
        report(category=world["group"])
    assert "category" in info.value.message_dict


def test_gcj02_input_is_stored_as_wgs84(world, report):
    import prcoords

    wgs = prcoords.Coords(32.05, 120.05)
    gcj = prcoords.wgs_gcj(wgs)
    case = report(lat=gcj.lat, lon=gcj.lon, crs="gcj02")
    assert case.lat == pytest.approx(32.05, abs=1e-5)
    assert case.lon == pytest.approx(120.05, abs=1e-5)
    assert case.node == world["grid1"]


def test_point_in_the_other_grid_lands_there(world, report):
    case = report(category=world["noise"], answers={}, **GRID2_POINT)
    assert case.node == world["grid2"]


def test_accept_is_written_to_timeline_and_audit(world, report):
    from gongzhi.core.models import AuditEntry

    case = case_accept(case=report(), actor=world["users"]["dispatcher"])
    assert list(case.events.values_list("action", flat=True)) == ["report", "accept"]
    entry = AuditEntry.objects.for_object(case).get(action="cases.case.accepted")
    assert entry.actor == world["users"]["dispatcher"]
    assert entry.data["old"] == {"state": "reported"} and entry.data["new"] == {"state": "accepted"}
