import io

from django.utils import timezone
from pypdf import PdfReader

from gongzhi.org.choices import Level
from gongzhi.org.services import node_create
from gongzhi.volunteering.certificate_pdf import render_certificate
from gongzhi.volunteering.choices import ActivityState
from gongzhi.volunteering.demo import build_volunteering_demo
from gongzhi.volunteering.models import Activity, Attendance, Label, ServiceTeam, Venue
from gongzhi.volunteering.selectors import volunteer_record
from gongzhi.volunteering.services import certificate_issue


def test_demo_does_nothing_without_the_demo_district(small_tree):
    assert build_volunteering_demo() is None
    assert not ServiceTeam.objects.exists() and not Label.objects.exists()


def test_demo_builds_teams_activities_and_records_once(small_tree):
    community = node_create(
        parent=small_tree["street"], level=Level.COMMUNITY, name="新胜社区", code="XS"
    )
    grid = node_create(parent=community, level=Level.GRID, name="第一网格", code="XS-G1")
    node_create(parent=grid, level=Level.BUILDING, name="观河华府1幢", code="XS-G1-B1")
    summary = build_volunteering_demo()
    assert summary == {"teams": 9, "activities": 45}
    assert ServiceTeam.objects.count() == 9
    assert set(Venue.objects.values_list("name", flat=True)) == {"树下议事厅", "花香书屋"}
    assert Label.objects.count() == 6
    assert Activity.objects.filter(state=ActivityState.FINISHED).count() == 36
    assert Activity.objects.filter(state=ActivityState.PUBLISHED).count() == 9
    assert build_volunteering_demo() == {"teams": 0, "activities": 0}
    assert Activity.objects.count() == 45

    busiest = Attendance.objects.values_list("person", flat=True).order_by("person").first()
    person = Attendance.objects.filter(person_id=busiest).first().person
    record = volunteer_record(person)
    assert record.total_hours > 0
    today = timezone.localdate()
    certificate = certificate_issue(
        person=person, period_start=today.replace(year=today.year - 1), period_end=today
    )
    text = PdfReader(io.BytesIO(render_certificate(certificate.snapshot))).pages[0].extract_text()
    assert "新胜社区" in text and person.name in text
