"""The case page: who sees it, only the allowed actions, htmx actions that swap the panel,
conflicts shown with the fresh state, errors on their fields, photos behind the access check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongzhi.cases import services as s
from gongzhi.cases.choices import Action, PhotoStage, State
from gongzhi.cases.models import Case, CaseEvent, Rating
from tests.cases.helpers import drive

from .conftest import GRID2_POINT, htmx, jpeg_bytes


def _act(client, case, action, **data):
    """Post an action's form as the page does (its fields carry the action as prefix)."""
    data.setdefault("version", case.version)
    posted = {f"{action}-{name}": value for name, value in data.items()}
    return client.post(reverse("cases:case_act", args=[case.reference, action]), posted)


def test_another_grids_worker_and_strangers_get_404(world, report, as_user):
    case = report()
    for name in ("other_grid_worker", "stranger", "officer"):
        assert as_user(name).get(case.get_absolute_url()).status_code == 404


def test_the_reporter_is_sent_to_their_own_page_of_the_case(world, report, as_user):
    case = report()
    response = as_user("resident").get(case.get_absolute_url())
    assert response["Location"] == reverse("report:case", args=[case.reference])


def test_the_page_shows_routing_map_and_only_the_allowed_actions(world, report, as_user):
    case = report()
    response = as_user("dispatcher").get(case.get_absolute_url())
    body = response.content.decode()
    actions = [a["action"] for a in response.context["actions"]]
    assert actions == [Action.ACCEPT, Action.REJECT, Action.MERGE, Action.PARK]
    assert "观河华府物业服务中心" in body and case.routing_text in body
    assert 'data-gz-case-map="case-map-config"' in body
    assert 'id="action-resolve"' not in body
    worker = as_user("grid_worker").get(case.get_absolute_url())
    assert worker.context["actions"] == []


def test_the_handler_sees_handling_actions_once_dispatched(world, report, as_user):
    """The step forward first, returning it after."""
    case = drive(world, report(), State.DISPATCHED)
    actions = [
        a["action"] for a in as_user("handler").get(case.get_absolute_url()).context["actions"]
    ]
    assert actions == [Action.START_HANDLING, Action.RESOLVE, Action.RETURN]


def test_an_htmx_action_swaps_in_the_fresh_panel(world, report, as_user):
    case = report()
    response = _act(htmx(as_user("dispatcher")), case, Action.ACCEPT)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'data-state="accepted"' in body
    assert 'class="flash success"' in body and 'id="action-dispatch"' in body
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED


def test_without_htmx_an_action_redirects_back_with_a_message(world, report, as_user):
    case = report()
    response = _act(as_user("dispatcher"), case, Action.ACCEPT)
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()


def test_a_stale_page_gets_a_conflict_and_the_fresh_state(world, report, as_user):
    case = report()
    stale_version = case.version
    s.case_accept(case=case, actor=world["users"]["staff"])
    response = _act(htmx(as_user("dispatcher")), case, Action.ACCEPT, version=stale_version)
    body = response.content.decode()
    assert response.status_code == 409
    assert 'class="flash conflict"' in body and 'data-state="accepted"' in body
    assert 'id="action-accept"' not in body and 'id="action-dispatch"' in body
    assert CaseEvent.objects.filter(case=case, action=Action.ACCEPT).count() == 1


def test_acting_after_someone_moved_the_case_is_a_state_conflict(world, report, as_user):
    case = drive(world, report(), State.ACCEPTED)
    dispatcher = htmx(as_user("dispatcher"))
    s.case_reject(case=case, actor=world["users"]["staff"], reason="重复")
    response = _act(dispatcher, case, Action.DISPATCH, version="", party=world["property_co"].pk)
    assert response.status_code == 409
    assert 'data-state="rejected"' in response.content.decode()


def test_a_missing_reason_is_shown_on_its_field_with_the_form_open(world, report, as_user):
    case = report()
    response = _act(htmx(as_user("dispatcher")), case, Action.REJECT, reason="")
    body = response.content.decode()
    assert response.status_code == 422
    assert 'id="action-reject" open' in body and 'id="id_reject-reason_error"' in body
    assert Case.objects.get(pk=case.pk).state == State.REPORTED


def test_dispatch_offers_the_parties_serving_the_grid_suggested_first(world, report, as_user):
    case = drive(world, report(), State.ACCEPTED)
    response = as_user("dispatcher").get(case.get_absolute_url())
    form = next(a["form"] for a in response.context["actions"] if a["action"] == Action.DISPATCH)
    parties = list(form.fields["party"].queryset)
    assert set(parties) == {world["property_co"], world["bureau"]}
    assert form.fields["party"].initial == world["property_co"].pk


def test_a_party_from_elsewhere_cannot_be_posted(world, report, as_user):
    from gongzhi.org.models import Party

    case = drive(world, report(), State.ACCEPTED)
    elsewhere = Party.objects.create(name="别处物业", force="property_manager")
    response = _act(htmx(as_user("dispatcher")), case, Action.DISPATCH, party=elsewhere.pk)
    assert response.status_code == 422
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED


def test_the_handler_resolves_with_an_after_photo(world, report, as_user):
    case = drive(world, report(), State.HANDLING)
    photo = SimpleUploadedFile(
        "after.jpg", jpeg_bytes(color=(0, 200, 0)), content_type="image/jpeg"
    )
    response = _act(htmx(as_user("handler")), case, Action.RESOLVE, note="已更换按钮", photos=photo)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.state == State.RESOLVED
    photo = case.photos.get()
    assert photo.stage == PhotoStage.AFTER
    assert reverse("cases:photo", args=[photo.pk, "thumb"]) in response.content.decode()


def test_the_grid_worker_verifies_and_closes(world, report, as_user):
    case = drive(world, report(), State.RESOLVED)
    response = _act(htmx(as_user("grid_worker")), case, Action.VERIFY_PASS)
    assert 'data-state="closed"' in response.content.decode()


def test_merge_into_an_offered_duplicate(world, report, as_user):
    older = report()
    newer = report(description="3幢电梯停在5楼不动了,按钮没反应!!")
    page = as_user("dispatcher").get(newer.get_absolute_url())
    assert [m.case for m in page.context["duplicates"]] == [older]
    response = _act(htmx(as_user("dispatcher")), newer, Action.MERGE, into=older.reference)
    assert 'data-state="merged"' in response.content.decode()
    older.refresh_from_db()
    assert older.support_count == 1


def test_merge_into_an_unknown_case_names_the_field(world, report, as_user):
    case = report()
    response = _act(htmx(as_user("dispatcher")), case, Action.MERGE, into="NOPE-1")
    assert response.status_code == 422 and 'id="id_merge-into_error"' in response.content.decode()


def test_an_unknown_action_is_404(world, report, as_user):
    case = report()
    assert _act(as_user("dispatcher"), case, "explode").status_code == 404


def test_a_role_without_the_action_is_refused(world, report, as_user):
    case = report()
    response = _act(htmx(as_user("grid_worker")), case, Action.ACCEPT)
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).state == State.REPORTED


def test_a_handler_who_returns_a_case_is_told_it_left_their_hands(world, report, as_user):
    case = drive(world, report(), State.DISPATCHED)
    response = _act(htmx(as_user("handler")), case, Action.RETURN, reason="不是我们的设施")
    assert response.status_code == 200 and "queue" in response.content.decode()


def test_notes_and_the_follow_up_call(world, report, as_user):
    case = drive(world, report(reporter_phone="13800001111"), State.CLOSED)
    client = htmx(as_user("dispatcher"))
    refused = client.post(
        reverse("cases:case_note", args=[case.reference]), {"note-text": "已联系"}
    )
    assert refused.status_code == 422  # a closed case takes no more notes
    assert not CaseEvent.objects.filter(case=case, action=Action.COMMENT).exists()
    response = client.post(
        reverse("cases:case_followup", args=[case.reference]),
        {
            "followup-contacted": "yes",
            "followup-solved": "yes",
            "followup-satisfied": "yes",
            "followup-channel": "phone",
        },
    )
    assert response.status_code == 200
    assert Rating.objects.get(case=case).channel == "phone"


def test_a_note_on_an_open_case(world, report, as_user):
    case = report()
    htmx(as_user("grid_worker")).post(
        reverse("cases:case_note", args=[case.reference]), {"note-text": "已到现场查看"}
    )
    assert CaseEvent.objects.get(case=case, action=Action.COMMENT).note == "已到现场查看"


@pytest.mark.parametrize("name, status", [("grid_worker", 200), ("other_grid_worker", 404)])
def test_photos_are_served_only_to_those_who_see_the_case(world, report, as_user, name, status):
    photo_file = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    case = report(photos=[photo_file])
    photo = case.photos.get()
    response = as_user(name).get(reverse("cases:photo", args=[photo.pk, "thumb"]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_scripts_in_a_description_are_escaped(world, report, as_user):
    case = report(description='<script>alert("x")</script>电梯', **GRID2_POINT)
    body = as_user("dispatcher").get(case.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body
