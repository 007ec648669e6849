import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.core.models import AuditEntry
from gongzhi.participation import services as svc
from gongzhi.participation.choices import CouncilState, InviteeKind, ResolutionOutcome
from gongzhi.participation.models import Council


def test_planning_gives_a_short_code_and_an_audit_entry(council):
    assert council.state == CouncilState.PLANNED
    assert len(council.short_code) == 6
    assert AuditEntry.objects.filter(
        action="participation.council.planned", object_id=str(council.pk)
    ).exists()


def test_inviting_the_six_forces_takes_the_parties_bound_to_the_node(council, forces, staff):
    assert svc.council_invite_forces(council=council, actor=staff) == 3
    names = set(council.invitations.values_list("party__name", flat=True))
    assert names == {"观河华府物业服务中心", "测试社区党委", "业主委员会"}
    # twice adds nothing
    assert svc.council_invite_forces(council=council, actor=staff) == 0


def test_lifecycle_runs_in_order_and_each_step_is_audited(council, staff):
    svc.council_send_notice(council=council, actor=staff)
    svc.council_mark_held(council=council, actor=staff)
    svc.council_publish_minutes(council=council, minutes="会议纪要", actor=staff)
    svc.council_close(council=council, actor=staff)
    council.refresh_from_db()
    assert council.state == CouncilState.CLOSED
    actions = set(
        AuditEntry.objects.filter(
            object_id=str(council.pk), object_type="participation.council"
        ).values_list("action", flat=True)
    )
    assert {
        "participation.council.notice_sent",
        "participation.council.held",
        "participation.council.minutes_published",
        "participation.council.closed",
    } <= actions


def test_minutes_cannot_be_published_before_the_council_is_held(council, staff):
    with pytest.raises(ValidationError) as exc:
        svc.council_publish_minutes(council=council, minutes="x", actor=staff)
    assert "state" in exc.value.message_dict
    assert Council.objects.get(pk=council.pk).state == CouncilState.PLANNED


def test_a_closed_council_is_read_only(held_council, staff):
    svc.council_publish_minutes(council=held_council, actor=staff)
    svc.council_close(council=held_council, actor=staff)
    with pytest.raises(ValidationError):
        svc.agenda_item_add(council=held_council, title="新议题", actor=staff)
    with pytest.raises(ValidationError):
        svc.resolution_add(council=held_council, text_="决议", actor=staff)
    with pytest.raises(ValidationError):
        svc.council_cancel(council=held_council, reason="x", actor=staff)


def test_cancel_needs_a_reason_and_ends_the_council(council, staff):
    with pytest.raises(ValidationError) as exc:
        svc.council_cancel(council=council, reason=" ", actor=staff)
    assert "reason" in exc.value.message_dict
    svc.council_cancel(council=council, reason="暴雨改期", actor=staff)
    council.refresh_from_db()
    assert council.state == CouncilState.CANCELLED and council.cancel_reason == "暴雨改期"
    with pytest.raises(ValidationError):
        svc.council_mark_held(council=council, actor=staff)


def test_a_council_cannot_be_marked_held_long_before_it_starts(tree, staff):
    from datetime import timedelta

    from django.utils import timezone

    council = svc.council_create(
        node=tree["grid1"],
        title="下月议事会",
        starts_at=timezone.now() + timedelta(days=3),
        place="议事厅",
        actor=staff,
    )
    with pytest.raises(ValidationError):
        svc.council_mark_held(council=council, actor=staff)


def test_a_grid_worker_may_not_plan_a_council(tree, grid_worker):
    from django.utils import timezone

    with pytest.raises(PermissionDenied):
        svc.council_create(
            node=tree["grid1"], title="x", starts_at=timezone.now(), place="y", actor=grid_worker
        )


def test_discussion_is_recorded_only_once_held(council, staff):
    item = svc.agenda_item_add(council=council, title="加装共享衣架", actor=staff)
    with pytest.raises(ValidationError):
        svc.agenda_discussion_set(item=item, discussion="讨论", actor=staff)
    svc.council_mark_held(council=council, actor=staff)
    item = svc.agenda_discussion_set(item=item, discussion="居民一致同意", actor=staff)
    assert item.discussion == "居民一致同意"


def test_a_resolution_becomes_a_task_once(held_council, staff, property_company):
    resolution = svc.resolution_add(council=held_council, text_="在3幢旁装共享衣架", actor=staff)
    resolution = svc.resolution_to_task(
        resolution=resolution, due_days=5, owner_party=property_company, actor=staff
    )
    assert resolution.outcome == ResolutionOutcome.TASK
    assert resolution.task.owner_name == "观河华府物业服务中心"
    assert resolution.task.resolution == resolution
    with pytest.raises(ValidationError):
        svc.resolution_to_task(resolution=resolution, due_days=5, owner_name="x", actor=staff)


def test_a_resolution_becomes_a_case_on_the_council_channel(held_council, staff, category):
    resolution = svc.resolution_add(council=held_council, text_="路灯不亮，请物业维修", actor=staff)
    resolution = svc.resolution_to_case(resolution=resolution, category=category, actor=staff)
    assert resolution.case.channel == "council"
    assert resolution.case.node == held_council.node


def test_the_case_page_shows_the_council_it_came_from(client, held_council, staff, category):
    resolution = svc.resolution_add(council=held_council, text_="路灯不亮", actor=staff)
    resolution = svc.resolution_to_case(resolution=resolution, category=category, actor=staff)
    client.force_login(staff)
    page = client.get(resolution.case.get_absolute_url())
    assert page.status_code == 200
    assert held_council.title in page.content.decode()


def test_inviting_someone_from_another_community_is_refused(council, staff, tree):
    from gongzhi.org.choices import Level
    from gongzhi.org.services import node_create, person_create

    other = node_create(parent=tree["street"], level=Level.COMMUNITY, name="别的社区", code="T-S-X")
    stranger = person_create(node=other, name="外人")
    with pytest.raises(ValidationError) as exc:
        svc.council_invite_person(council=council, person=stranger, actor=staff)
    assert "person" in exc.value.message_dict
    assert not council.invitations.filter(kind=InviteeKind.PERSON).exists()
