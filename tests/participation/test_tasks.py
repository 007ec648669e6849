import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from gongzhi.participation import services as svc
from gongzhi.participation.choices import TaskState
from gongzhi.participation.models import TaskEscalation
from gongzhi.worktime import clock


@pytest.fixture
def task(tree, staff, property_company):
    return svc.task_create(
        title="楼道焕新颜",
        node=tree["grid1"],
        due_days=3,
        owner_party=property_company,
        actor=staff,
    )


def test_the_due_date_counts_working_days(task):
    assert task.due_at == clock.deadline(task.starts_at, 3, "days", node=task.node)
    assert task.owner_name == "观河华府物业服务中心"


def test_due_days_out_of_range_name_the_field(tree, staff):
    for bad in (0, 251, "x"):
        with pytest.raises(ValidationError) as exc:
            svc.task_create(
                title="t", node=tree["grid1"], due_days=bad, owner_name="物业", actor=staff
            )
        assert "due_days" in exc.value.message_dict


def test_a_party_that_does_not_serve_the_area_cannot_own_the_task(tree, staff):
    from gongzhi.org.choices import Force
    from gongzhi.org.party_services import party_bind, party_create

    far = party_create(name="别处物业", force=Force.PROPERTY_MANAGER)
    party_bind(party=far, node=tree["grid2"])
    with pytest.raises(ValidationError) as exc:
        svc.task_create(title="t", node=tree["grid1"], due_days=3, owner_party=far, actor=staff)
    assert "owner_party" in exc.value.message_dict


def test_progress_moves_the_task_and_keeps_the_photo(task, grid_worker, photo):
    task = svc.task_progress(
        task=task, percent_done=50, note="已刷一半", photos=[photo()], actor=grid_worker
    )
    assert task.state == TaskState.IN_PROGRESS and task.progress_percent == 50
    assert task.photos.count() == 1


def test_the_owning_partys_handler_records_progress(task, make_user, tree, property_company):
    handler = make_user("wuye")
    role_assign(user=handler, role=Role.HANDLER, node=tree["community"], party=property_company)
    task = svc.task_progress(task=task, percent_done=20, note="开工", actor=handler)
    assert task.progress_percent == 20


def test_a_resident_may_not_record_progress(task, resident):
    with pytest.raises(PermissionDenied):
        svc.task_progress(task=task, percent_done=20, note="x", actor=resident.user)


def test_done_and_cancelled_tasks_take_no_more_progress(task, staff):
    svc.task_complete(task=task, note="完成", actor=staff)
    with pytest.raises(ValidationError):
        svc.task_progress(task=task, percent_done=20, note="x", actor=staff)
    with pytest.raises(ValidationError):
        svc.task_cancel(task=task, reason="x", actor=staff)


def test_cancel_needs_a_reason(task, staff):
    with pytest.raises(ValidationError) as exc:
        svc.task_cancel(task=task, reason="", actor=staff)
    assert "reason" in exc.value.message_dict
    assert (
        svc.task_cancel(task=task, reason="并入其他任务", actor=staff).state == TaskState.CANCELLED
    )


def test_overdue_tasks_are_marked_and_escalated_once(task, make_user, tree):
    supervisor = make_user("jiedao")
    role_assign(user=supervisor, role=Role.SUPERVISOR, node=tree["street"])
    later = task.due_at + dt.timedelta(days=1)
    created = svc.escalate_overdue_tasks(now=later)
    task.refresh_from_db()
    assert task.state == TaskState.OVERDUE
    assert len(created) >= 1
    assert svc.escalate_overdue_tasks(now=later) == []
    assert TaskEscalation.objects.filter(task=task, level=1).count() == 1


def test_an_overdue_task_can_still_be_done(task, staff):
    svc.escalate_overdue_tasks(now=task.due_at + dt.timedelta(hours=1))
    task = svc.task_complete(task=task, note="补做完成", actor=staff)
    assert task.state == TaskState.DONE


def test_a_task_not_yet_due_is_left_alone(task):
    assert svc.escalate_overdue_tasks(now=timezone.now()) == []


def test_the_sweep_is_a_scheduled_job():
    from gongzhi.core.jobs import registered_jobs

    assert "participation.escalate_tasks" in {job.name for job in registered_jobs()}
