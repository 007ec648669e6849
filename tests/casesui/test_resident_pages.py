"""The resident's side: my reports with their public timeline, the masked public page, the
rating form, notifications and the unread badge."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongzhi.cases import services as s
from gongzhi.cases.choices import Action, State
from gongzhi.cases.models import Case, Notification, Rating
from tests.cases.helpers import drive

from .conftest import jpeg_bytes


def test_my_reports_show_the_public_timeline_only(world, report, as_user):
    case = report()
    s.case_comment(case=case, actor=world["users"]["staff"], text="内部备注:业主难缠")
    drive(world, case, State.DISPATCHED)
    response = as_user("resident").get(reverse("report:mine"))
    body = response.content.decode()
    assert case.reference in body
    assert "内部备注" not in body
    assert "观河华府物业服务中心" in body  # the resident sees who the case was sent to


def test_my_reports_lists_only_my_own(world, report, as_user):
    mine = report()
    theirs = report(actor=world["users"]["stranger"])
    body = as_user("resident").get(reverse("report:mine")).content.decode()
    assert mine.reference in body and theirs.reference not in body


def test_the_public_page_masks_the_reporter_and_the_address(world, report, client):
    case = report(
        actor=None,
        is_public=True,
        reporter_name="张建国",
        reporter_phone="13812341234",
        address="观河华府3幢2单元502室",
        photos=[jpeg_bytes()],
    )
    body = client.get(reverse("report:case", args=[case.reference])).content.decode()
    assert "13812341234" not in body and "张建国" not in body and "502室" not in body
    assert "张*国" in body and "观河华府3幢" in body
    assert "/cases/photos/" not in body  # photos are not published (no moderation here)


def test_a_private_report_is_only_for_its_reporter(world, report, as_user, client):
    case = report(is_public=False)
    url = reverse("report:case", args=[case.reference])
    assert client.get(url).status_code == 404
    assert as_user("stranger").get(url).status_code == 404
    assert as_user("resident").get(url).status_code == 200


def test_the_reporter_rates_a_closed_case_once(world, report, as_user):
    case = drive(world, report(), State.CLOSED)
    client = as_user("resident")
    page = client.get(reverse("report:case", args=[case.reference]))
    assert page.context["rating_form"] is not None
    answers = {"contacted": "yes", "solved": "yes", "satisfied": "yes", "comment": "很快"}
    client.post(reverse("report:rate", args=[case.reference]), answers)
    client.post(reverse("report:rate", args=[case.reference]), answers)
    rating = Rating.objects.get(case=case)
    assert (rating.channel, rating.comment) == ("self", "很快")
    after = client.get(reverse("report:case", args=[case.reference]))
    assert after.context["rating_form"] is None


def test_an_unanswered_rating_question_is_named(world, report, as_user):
    case = drive(world, report(), State.CLOSED)
    response = as_user("resident").post(
        reverse("report:rate", args=[case.reference]), {"contacted": "yes"}
    )
    assert response.status_code == 400
    assert 'id="id_solved_error"' in response.content.decode()
    assert not Rating.objects.exists()


def test_an_unsatisfied_rating_reopens_and_says_so(world, report, as_user):
    case = drive(world, report(), State.CLOSED)
    client = as_user("resident")
    answers = {"contacted": "yes", "solved": "no", "satisfied": "no", "comment": "还是坏的"}
    response = client.post(reverse("report:rate", args=[case.reference]), answers, follow=True)
    assert Case.objects.get(pk=case.pk).state == State.REWORK
    assert len(list(response.context["messages"])) == 2


def test_only_the_reporter_may_rate(world, report, as_user):
    case = drive(world, report(is_public=True), State.CLOSED)
    answers = {"contacted": "yes", "solved": "yes", "satisfied": "yes"}
    response = as_user("stranger").post(reverse("report:rate", args=[case.reference]), answers)
    assert response.status_code == 403 and not Rating.objects.exists()


def test_notifications_list_open_and_mark_read(world, report, as_user):
    case = report()
    s.case_accept(case=case, actor=world["users"]["staff"])
    client = as_user("resident")
    unread = Notification.objects.filter(user=world["users"]["resident"], read_at=None)
    assert unread.count() == 2
    body = client.get(reverse("cases:notifications")).content.decode()
    assert case.reference in body and str(Action.ACCEPT.label) in body
    first = unread.first()
    response = client.post(reverse("cases:notification_open", args=[first.pk]))
    assert response["Location"] == case.get_absolute_url()
    assert unread.count() == 1
    client.post(reverse("cases:notifications_read"))
    assert unread.count() == 0


def test_nobody_opens_another_users_notification(world, report, as_user):
    report()
    notification = Notification.objects.get(user=world["users"]["resident"])
    response = as_user("stranger").post(reverse("cases:notification_open", args=[notification.pk]))
    assert response.status_code == 404 and Notification.objects.get().read_at is None


def test_the_nav_shows_the_unread_count_from_the_cache_and_at_once_when_it_changes(
    world, report, as_user
):
    from gongzhi.cases.services import notify

    report()
    client = as_user("resident")
    body = client.get("/").content.decode()
    assert 'class="nav-badge"' in body and ">1</span>" in body

    def badge_queries():
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/").content.decode()
        sql = [q for q in queries.captured_queries if "cases_notification" in q["sql"]]
        return body, len(sql)

    body, queries = badge_queries()
    assert queries == 0 and ">1</span>" in body  # cached
    notify(users=[world["users"]["resident"]], verb="case_rework", data={"ref": "X"})
    body, queries = badge_queries()
    assert queries == 1 and ">2</span>" in body  # a new message shows at once
    client.post(reverse("cases:notifications_read"))
    body, queries = badge_queries()
    assert queries == 1 and "nav-badge" not in body  # and so does reading them


def test_visitors_see_the_report_link_but_no_badge(world, client):
    body = client.get("/").content.decode()
    assert reverse("report:new") in body and "nav-badge" not in body


def test_scripts_are_escaped_on_the_resident_and_queue_pages(world, report, as_user, client):
    attack = '<script>alert("x")</script>'
    case = report(description=f"{attack}电梯坏了", address=f"{attack}3幢", is_public=True)
    pages = [
        (client, reverse("report:case", args=[case.reference])),
        (as_user("resident"), reverse("report:mine")),
        (as_user("dispatcher"), reverse("cases:queue") + "?queue=all"),
        (as_user("resident"), reverse("cases:notifications")),
    ]
    for who, url in pages:
        body = who.get(url).content.decode()
        assert attack not in body, url


def test_the_home_panel_counts_queues_for_staff_and_lists_reports_for_residents(
    world, report, as_user
):
    case = report()
    staff_home = as_user("dispatcher").get("/").content.decode()
    assert reverse("cases:queue") + "?queue=awaiting_acceptance" in staff_home
    resident_home = as_user("resident").get("/").content.decode()
    assert reverse("report:case", args=[case.reference]) in resident_home
