"""The admin pages write through the services: audit entries and validation included."""

from datetime import date

import pytest
from django.urls import reverse

from gongzhi.core.models import AuditEntry
from gongzhi.worktime.choices import DayKind
from gongzhi.worktime.models import CalendarDay, WorkingHours
from gongzhi.worktime.services import calendar_day_add


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_admin_adds_a_day_through_the_service(admin_client):
    response = admin_client.post(
        reverse("admin:worktime_calendarday_add"),
        {"date": "2027-01-01", "kind": DayKind.HOLIDAY, "name": "元旦", "note": ""},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().name == "元旦"
    assert AuditEntry.objects.filter(action="worktime.calendar_day.added").count() == 1


def test_admin_refuses_a_weekday_make_up_day(admin_client):
    response = admin_client.post(
        reverse("admin:worktime_calendarday_add"),
        {"date": "2027-03-03", "kind": DayKind.MAKEUP_WORKDAY, "name": "", "note": ""},
    )
    assert response.status_code == 200
    assert "Saturday or Sunday" in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_admin_delete_goes_through_the_service(admin_client):
    day = calendar_day_add(date=date(2027, 1, 1), kind=DayKind.HOLIDAY)
    response = admin_client.post(
        reverse("admin:worktime_calendarday_delete", args=[day.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    assert AuditEntry.objects.filter(action="worktime.calendar_day.removed").count() == 1


def test_admin_sets_hours_and_refuses_bad_ones(admin_client, small_tree):
    url = reverse("admin:worktime_workinghours_add")
    bad = {"node": small_tree["community"].pk, "periods": '[["12:00", "08:00"]]', "note": ""}
    response = admin_client.post(url, bad)
    assert response.status_code == 200
    assert "ends before it starts" in response.content.decode()
    good = {**bad, "periods": '[["08:00", "12:00"], ["14:00", "17:30"]]'}
    assert admin_client.post(url, good).status_code == 302
    assert WorkingHours.objects.get().periods == [["08:00", "12:00"], ["14:00", "17:30"]]
    assert AuditEntry.objects.filter(action="worktime.hours.set").count() == 1


def test_admin_refuses_hours_on_a_grid(admin_client, small_tree):
    response = admin_client.post(
        reverse("admin:worktime_workinghours_add"),
        {"node": small_tree["grid1"].pk, "periods": '[["08:00", "12:00"]]', "note": ""},
    )
    assert response.status_code == 200
    assert not WorkingHours.objects.exists()
