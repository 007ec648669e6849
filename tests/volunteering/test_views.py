import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from gongzhi.volunteering import codes
from gongzhi.volunteering.choices import ActivityState, CheckMethod, CodePurpose, SignupState
from gongzhi.volunteering.models import Activity, Attendance, Certificate, Signup
from gongzhi.volunteering.services import (
    attendance_check_in,
    attendance_check_out,
    signup_create,
)


def login(client, person):
    client.force_login(person.user)
    return client


def test_calendar_is_public_and_hides_drafts(client, make_activity):
    make_activity(title="公开的活动")
    make_activity(title="草稿活动", publish=False)
    response = client.get(reverse("volunteering:calendar"))
    assert response.status_code == 200
    assert "公开的活动" in response.content.decode()
    assert "草稿活动" not in response.content.decode()


def test_calendar_week_view_and_bad_input(client, make_activity, now):
    make_activity(title="本周活动")
    day = timezone.localdate(now).isoformat()
    assert "本周活动" in client.get(f"/volunteering/?view=week&day={day}").content.decode()
    assert client.get("/volunteering/?day=not-a-date&label=x").status_code == 200


def test_calendar_query_count_does_not_grow(client, make_activity, now):
    make_activity(title="一")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("volunteering:calendar"))
        return len(ctx)

    few = count()
    for i in range(5):
        make_activity(title=f"活动{i}")
    assert count() == few


def test_draft_detail_is_hidden_from_the_public(client, make_activity, leader):
    draft = make_activity(publish=False)
    url = reverse("volunteering:activity_detail", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert login(client, leader).get(url).status_code == 200


def test_resident_signs_up_and_cancels(client, make_activity, make_person):
    activity = make_activity(capacity=1)
    person = make_person()
    login(client, person)
    response = client.post(reverse("volunteering:sign_up", args=[activity.pk]), follow=True)
    assert response.status_code == 200
    assert Signup.objects.get(person=person).state == SignupState.CONFIRMED
    client.post(reverse("volunteering:cancel", args=[activity.pk]))
    assert Signup.objects.get(person=person).state == SignupState.CANCELLED


def test_sign_up_needs_login(client, make_activity):
    activity = make_activity()
    response = client.post(reverse("volunteering:sign_up", args=[activity.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Signup.objects.exists()


def test_my_activities_shows_my_personal_code(client, make_activity, make_person):
    activity = make_activity()
    person = make_person()
    signup_create(activity=activity, person=person)
    page = login(client, person).get(reverse("volunteering:my_activities")).content.decode()
    # The code is signed with the second it was made: read back the one on the page.
    tokens = re.findall(r'<p class="vol-code">([^<]+)</p>', page)
    assert "<svg" in page and tokens
    assert codes.read_personal_code(tokens[0]) == (activity.pk, person.pk)


def test_console_is_404_for_a_resident(client, make_activity, make_person):
    activity = make_activity()
    url = reverse("volunteering:console", args=[activity.pk])
    assert login(client, make_person()).get(url).status_code == 404


def test_team_leader_role_opens_the_console(client, make_activity, make_person, small_tree):
    activity = make_activity()
    person = make_person()
    role_assign(user=person.user, role=Role.TEAM_LEADER, node=small_tree["community"])
    url = reverse("volunteering:console", args=[activity.pk])
    assert login(client, person).get(url).status_code == 200


def test_team_leader_role_elsewhere_does_not(client, make_activity, make_person, small_tree):
    activity = make_activity()
    person = make_person()
    role_assign(user=person.user, role=Role.TEAM_LEADER, node=small_tree["grid2"])
    url = reverse("volunteering:console", args=[activity.pk])
    assert login(client, person).get(url).status_code == 404


def test_rotating_code_page_and_fragment(client, make_activity, leader):
    activity = make_activity()
    login(client, leader)
    url = reverse("volunteering:rotating_code", args=[activity.pk, "in"])
    page = client.get(url).content.decode()
    assert "<svg" in page and 'hx-trigger="every 10s"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith("<svg") and "<html" not in fragment


def test_volunteer_scans_the_rotating_code(client, make_activity, make_person, now):
    activity = make_activity(starts_at=now + timedelta(minutes=10), signup_closes_at=now)
    person = make_person()
    signup_create(activity=activity, person=person, at=now - timedelta(minutes=1))
    code = codes.rotating_code(activity_id=activity.pk, purpose=CodePurpose.CHECK_IN)
    login(client, person)
    url = reverse("volunteering:scan", args=[code])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert Attendance.objects.get(person=person).check_in_at is not None


def test_stale_code_page_says_so(client, make_activity, make_person, now):
    activity = make_activity()
    code = codes.rotating_code(
        activity_id=activity.pk, purpose=CodePurpose.CHECK_IN, at=now - timedelta(minutes=5)
    )
    login(client, make_person())
    response = client.post(reverse("volunteering:scan", args=[code]))
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_leader_scans_a_personal_code_page(client, make_activity, make_person, leader, now):
    activity = make_activity(starts_at=now + timedelta(minutes=10), signup_closes_at=now)
    person = make_person("钱志愿")
    signup_create(activity=activity, person=person, at=now - timedelta(minutes=1))
    token = codes.personal_code(activity_id=activity.pk, person_id=person.pk)
    url = reverse("volunteering:personal_scan", args=[token])
    login(client, leader)
    assert "钱志愿" in client.get(url).content.decode()
    client.post(url, {"action": "in"})
    assert Attendance.objects.get(person=person).check_in_method == "personal_code"


def test_personal_code_page_is_404_for_a_non_leader(client, make_activity, make_person):
    activity = make_activity()
    person = make_person()
    token = codes.personal_code(activity_id=activity.pk, person_id=person.pk)
    url = reverse("volunteering:personal_scan", args=[token])
    assert login(client, make_person("旁人")).get(url).status_code == 404


def jpeg_with_exif() -> io.BytesIO:
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    out.name = "photo.jpg"
    out.seek(0)
    return out


def test_leader_files_a_report_with_a_clean_photo(client, make_activity, leader, now):
    activity = make_activity(
        starts_at=now - timedelta(hours=2),
        ends_at=now - timedelta(hours=1),
        signup_opens_at=now - timedelta(days=2),
        signup_closes_at=now - timedelta(hours=3),
    )
    login(client, leader)
    response = client.post(
        reverse("volunteering:file_report", args=[activity.pk]),
        {"summary": "宣讲了垃圾分类", "people_served": "35", "photos": [jpeg_with_exif()]},
    )
    assert response.status_code == 302
    activity = Activity.objects.get(pk=activity.pk)
    assert activity.state == ActivityState.FINISHED
    photo = activity.report.photos.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
    served = client.get(reverse("volunteering:report_photo", args=[activity.pk, photo.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"\xff\xd8")
    served.close()


def test_report_with_a_fake_photo_is_refused_whole(client, make_activity, leader, now):
    activity = make_activity(
        starts_at=now - timedelta(hours=2),
        ends_at=now - timedelta(hours=1),
        signup_opens_at=now - timedelta(days=2),
        signup_closes_at=now - timedelta(hours=3),
    )
    fake = io.BytesIO(b"<script>alert(1)</script>")
    fake.name = "photo.jpg"
    login(client, leader)
    response = client.post(
        reverse("volunteering:file_report", args=[activity.pk]),
        {"summary": "总结", "people_served": "3", "photos": [fake]},
    )
    assert response.status_code == 400
    assert "photo.jpg" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).state == ActivityState.PUBLISHED


@pytest.fixture
def with_certificate(make_activity, make_person, now):
    person = make_person("孙志愿", id_number="320602198805051232")
    start = now - timedelta(days=3)
    activity = make_activity(
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        signup_opens_at=start - timedelta(days=1),
        signup_closes_at=start,
    )
    signup_create(activity=activity, person=person, at=start - timedelta(hours=1))
    return person, activity


def test_volunteer_requests_a_certificate_pdf(client, with_certificate):
    person, activity = with_certificate
    attendance_check_in(
        activity=activity, person=person, method=CheckMethod.MANUAL, at=activity.starts_at
    )
    attendance_check_out(
        activity=activity, person=person, method=CheckMethod.MANUAL, at=activity.ends_at
    )
    login(client, person)
    today = timezone.localdate()
    response = client.post(
        reverse("volunteering:my_record"),
        {"period_start": (today - timedelta(days=10)).isoformat(), "period_end": today.isoformat()},
        follow=True,
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_certificate_of_someone_else_is_404(client, with_certificate, make_person):
    person, _activity = with_certificate
    certificate = Certificate.objects.create(
        number="X-1",
        issuer=person.node,
        person=person,
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        year=2025,
        sequence=1,
        snapshot={},
        issued_on=timezone.localdate(),
    )
    url = reverse("volunteering:certificate_pdf", args=[certificate.pk])
    assert login(client, make_person("别人")).get(url).status_code == 404


def test_staff_reads_a_volunteer_record_and_residents_do_not(
    client, with_certificate, make_person, make_user, small_tree
):
    person, _activity = with_certificate
    url = reverse("volunteering:person_record", args=[person.pk])
    assert login(client, make_person("邻居")).get(url).status_code == 404
    staff = make_user()
    role_assign(user=staff, role=Role.STAFF, node=small_tree["community"])
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert "孙志愿" in page and "320***********1232" in page


def test_team_pages_are_public(client, team, leader):
    assert team.name in client.get(reverse("volunteering:team_list")).content.decode()
    page = client.get(reverse("volunteering:team_detail", args=[team.pk])).content.decode()
    assert "王*" in page and "王队长" not in page


def test_leader_checks_out_from_the_roster(client, make_activity, make_person, leader, now):
    activity = make_activity(
        starts_at=now - timedelta(minutes=30), signup_closes_at=now - timedelta(hours=1)
    )
    person = make_person()
    signup_create(activity=activity, person=person, at=now - timedelta(hours=2))
    login(client, leader)
    for action in ("in", "out"):
        url = reverse("volunteering:manual_check", args=[activity.pk, person.pk, action])
        assert client.post(url).status_code == 302
    attendance = Attendance.objects.get(person=person)
    assert attendance.check_out_method == CheckMethod.MANUAL and attendance.hours is not None


def test_resident_cannot_check_anyone_in_from_the_roster(client, make_activity, make_person, now):
    activity = make_activity(
        starts_at=now - timedelta(minutes=30), signup_closes_at=now - timedelta(hours=1)
    )
    person = make_person()
    signup_create(activity=activity, person=person, at=now - timedelta(hours=2))
    url = reverse("volunteering:manual_check", args=[activity.pk, person.pk, "in"])
    assert login(client, person).post(url).status_code == 404
    assert not Attendance.objects.exists()


def test_code_for_another_activity_is_refused_in_the_console(
    client, make_activity, make_person, leader, now
):
    here = make_activity(title="这里", starts_at=now + timedelta(minutes=10), signup_closes_at=now)
    there = make_activity(title="那里", starts_at=now + timedelta(minutes=10), signup_closes_at=now)
    person = make_person()
    signup_create(activity=there, person=person, at=now - timedelta(minutes=1))
    token = codes.personal_code(activity_id=there.pk, person_id=person.pk)
    login(client, leader)
    client.post(reverse("volunteering:enter_code", args=[here.pk]), {"code": token, "action": "in"})
    assert not Attendance.objects.exists()
    client.post(
        reverse("volunteering:enter_code", args=[there.pk]),
        {"code": f"https://example.org/volunteering/checkin/{token}/", "action": "in"},
    )
    assert Attendance.objects.get().activity == there
