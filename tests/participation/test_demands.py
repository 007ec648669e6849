import pytest
from django.core.exceptions import ValidationError

from gongzhi.cases.models import Notification
from gongzhi.core.models import AuditEntry
from gongzhi.participation import services as svc
from gongzhi.participation.choices import DemandSource, DemandState, TaskSource
from gongzhi.participation.models import Demand, DemandSupport


def test_a_resident_raises_a_demand_for_their_own_area(demand, resident):
    assert demand.state == DemandState.SUBMITTED
    assert demand.source == DemandSource.RESIDENT
    assert demand.raised_by_person == resident


def test_a_resident_may_not_raise_for_another_grid(resident, tree):
    with pytest.raises(ValidationError) as exc:
        svc.demand_raise(title="x", text_="y", node=tree["grid2"], actor=resident.user)
    assert "node" in exc.value.message_dict
    assert not Demand.objects.exists()


def test_a_grid_worker_raises_for_residents(grid_worker, tree):
    demand = svc.demand_raise(
        title="装共享衣架", text_="晾晒难", node=tree["grid1"], actor=grid_worker
    )
    assert demand.source == DemandSource.GRID_WORKER


def test_a_title_that_is_too_long_names_the_field(resident):
    with pytest.raises(ValidationError) as exc:
        svc.demand_raise(title="长" * 61, text_="y", node=resident.node, actor=resident.user)
    assert "title" in exc.value.message_dict


def test_a_non_image_upload_is_refused_and_nothing_is_written(resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("a.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        svc.demand_raise(
            title="t", text_="x", node=resident.node, actor=resident.user, photos=[fake]
        )
    assert "photos" in exc.value.message_dict
    assert not Demand.objects.exists()


def test_support_once_each_and_a_second_time_is_refused(demand, make_resident):
    neighbour = make_resident("王五")
    svc.demand_support(demand=demand, actor=neighbour.user)
    with pytest.raises(ValidationError) as exc:
        svc.demand_support(demand=demand, actor=neighbour.user)
    assert "demand" in exc.value.message_dict
    demand.refresh_from_db()
    assert demand.support_count == 1 == DemandSupport.objects.count()


def test_the_raiser_cannot_support_their_own_demand(demand, resident):
    with pytest.raises(ValidationError):
        svc.demand_support(demand=demand, actor=resident.user)


def test_accepting_puts_a_task_on_the_list_and_tells_the_resident(demand, staff, property_company):
    demand = svc.demand_accept(demand=demand, actor=staff, owner_party=property_company, due_days=5)
    assert demand.state == DemandState.ACCEPTED
    assert demand.task.source == TaskSource.DEMAND
    assert Notification.objects.filter(user=demand.raised_by, verb="demand_moved").exists()


def test_declining_needs_a_reason_shown_to_the_resident(demand, staff):
    with pytest.raises(ValidationError) as exc:
        svc.demand_decline(demand=demand, reason="", actor=staff)
    assert "reason" in exc.value.message_dict
    demand = svc.demand_decline(demand=demand, reason="不在小区范围内", actor=staff)
    assert demand.decision_note == "不在小区范围内"


def test_answered_as_a_case_links_the_case(demand, staff, category):
    demand = svc.demand_answer_as_case(demand=demand, category=category, actor=staff)
    assert demand.state == DemandState.ANSWERED_AS_CASE
    assert demand.case.reporter_person == demand.raised_by_person


def test_merge_into_an_open_demand(demand, staff, grid_worker, tree):
    other = svc.demand_raise(title="凉亭", text_="同上", node=tree["grid1"], actor=grid_worker)
    merged = svc.demand_merge(demand=other, into=demand, actor=staff)
    assert merged.state == DemandState.MERGED and merged.merged_into == demand


def test_done_requires_an_after_photo(demand, staff, photo):
    svc.demand_accept(demand=demand, actor=staff, owner_name="物业", due_days=5)
    svc.demand_progress(demand=demand, percent_done=40, note="材料已到", actor=staff)
    with pytest.raises(ValidationError) as exc:
        svc.demand_complete(demand=demand, note="凉亭建成", actor=staff)
    assert "photos" in exc.value.message_dict
    demand = svc.demand_complete(demand=demand, note="凉亭建成", photos=[photo()], actor=staff)
    assert demand.state == DemandState.DONE and demand.progress_percent == 100
    assert demand.photos.filter(stage="after").count() == 1


def test_transitions_out_of_order_are_refused(demand, staff, photo):
    with pytest.raises(ValidationError) as exc:
        svc.demand_complete(demand=demand, note="x", photos=[photo()], actor=staff)
    assert "state" in exc.value.message_dict
    with pytest.raises(ValidationError):
        svc.demand_progress(demand=demand, percent_done=10, note="x", actor=staff)


def test_percent_must_be_a_number_from_0_to_100(demand, staff):
    svc.demand_accept(demand=demand, actor=staff, owner_name="物业", due_days=5)
    for bad in ("abc", -1, 101, True):
        with pytest.raises(ValidationError) as exc:
            svc.demand_progress(demand=demand, percent_done=bad, note="x", actor=staff)
        assert "percent" in exc.value.message_dict


def test_every_demand_transition_is_audited(demand, staff):
    svc.demand_decline(demand=demand, reason="重复", actor=staff)
    actions = list(
        AuditEntry.objects.filter(object_type="participation.demand")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["participation.demand.submitted", "participation.demand.declined"]


def test_completing_the_task_completes_its_demands(demand, staff, photo):
    demand = svc.demand_accept(demand=demand, actor=staff, owner_name="物业", due_days=5)
    svc.task_complete(task=demand.task, note="凉亭已建成", photos=[photo()], actor=staff)
    demand.refresh_from_db()
    assert demand.state == DemandState.DONE and demand.completion_note == "凉亭已建成"
