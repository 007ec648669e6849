"""The demo's volunteering and points hang together: every service or report point has an
attendance or a case behind it, and the books prove themselves."""

import io

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from gongzhi.cases.models import Case
from gongzhi.org.models import Person
from gongzhi.points.choices import OrderState, Reason, TransactionKind
from gongzhi.points.models import Order, Transaction
from gongzhi.points.selectors import person_balance
from gongzhi.volunteering.models import Attendance, ServiceTeam


def test_demo_points_come_from_attendances_and_cases_and_the_books_balance(demo_db):
    awards = Transaction.objects.filter(kind=TransactionKind.AWARD)
    service = awards.filter(reason=Reason.SERVICE_HOUR)
    reports = awards.filter(reason=Reason.VERIFIED_REPORT)
    assert service.count() == Attendance.objects.filter(hours__gt=0).count()
    assert not service.exclude(source_type=ContentType.objects.get_for_model(Attendance)).exists()
    assert reports.exists()
    assert not reports.exclude(source_type=ContentType.objects.get_for_model(Case)).exists()
    out = io.StringIO()
    call_command("points_check", stdout=out)
    assert "OK" in out.getvalue()


def test_demo_logins_have_a_part_in_volunteering_and_the_store(demo_db):
    leader = Person.objects.get(user__username="duizhang")
    resident = Person.objects.get(user__username="jumin")
    assert ServiceTeam.objects.filter(memberships__person=leader).exists()
    assert Attendance.objects.filter(person=resident).exists()
    assert person_balance(resident) > 0
    assert Order.objects.filter(state=OrderState.PLACED).exists()
