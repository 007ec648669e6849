"""The staff pages over HTTP."""

from datetime import date

import pytest
from django.urls import reverse

from gongzhi.core.models import AuditEntry
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from gongzhi.worktime.choices import DayKind
from gongzhi.worktime.models import CalendarDay, WorkingHours
from gongzhi.worktime.services import calendar_day_add, seed_calendar, working_hours_set


@pytest.fixture
def login(client, make_user, small_tree):
    def as_role(role=None, node="district", **extra):
        user = make_user(**extra)
        if role:
            role_assign(user=user, role=role, node=small_tree[node])
        client.force_login(user)
        return user

    return as_role


def test_calendar_needs_login(client, db):
    response = client.get(reverse("worktime:calendar"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_calendar_lists_the_year_and_warns_about_missing_years(client, login):
    seed_calendar(years=[2026])
    login(Role.STAFF)
    response = client.get(reverse("worktime:calendar"), {"year": 2026})
    body = response.content.decode()
    assert response.status_code == 200
    assert "2026-10-01" in body and "国庆节" in body
    assert "2027" in body  # next year has no holidays yet: the warning names it
    assert reverse("worktime:day_add") in body  # a manager sees the form


def test_calendar_with_a_bad_year_shows_this_year(client, login):
    login()
    response = client.get(reverse("worktime:calendar"), {"year": "<script>"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_district_staff_add_a_day(client, login):
    user = login(Role.STAFF)
    response = client.post(
        reverse("worktime:day_add"),
        {"date": "2027-01-01", "kind": DayKind.HOLIDAY, "name": "元旦", "note": ""},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2027")
    day = CalendarDay.objects.get()
    assert (day.date, day.name) == (date(2027, 1, 1), "元旦")
    assert AuditEntry.objects.get(action="worktime.calendar_day.added").actor == user


def test_add_form_shows_the_service_error_on_the_field(client, login):
    login(Role.STAFF)
    response = client.post(
        reverse("worktime:day_add"),
        {"date": "2027-03-03", "kind": DayKind.MAKEUP_WORKDAY, "name": "", "note": ""},
    )
    assert response.status_code == 200
    assert "Saturday or Sunday" in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_community_staff_may_not_add(client, login):
    login(Role.STAFF, node="community")
    response = client.post(
        reverse("worktime:day_add"), {"date": "2027-01-01", "kind": DayKind.HOLIDAY}
    )
    assert response.status_code == 403
    assert not CalendarDay.objects.exists()
    page = client.get(reverse("worktime:calendar")).content.decode()
    assert reverse("worktime:day_add") not in page


def test_edit_and_remove_a_day(client, login):
    login(Role.SUPERVISOR)
    day = calendar_day_add(date=date(2027, 1, 1), kind=DayKind.HOLIDAY)
    response = client.post(
        reverse("worktime:day_edit", args=[day.pk]),
        {"kind": DayKind.HOLIDAY, "name": "元旦", "note": "国务院通知"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().note == "国务院通知"
    assert client.get(reverse("worktime:day_remove", args=[day.pk])).status_code == 200
    assert CalendarDay.objects.exists()  # GET only asks
    response = client.post(reverse("worktime:day_remove", args=[day.pk]))
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()


def test_seed_button_fills_a_published_year(client, login):
    login(is_superuser=True)
    response = client.post(reverse("worktime:calendar_seed"), {"year": "2026"})
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date__year=2026).count() > 30
    response = client.post(reverse("worktime:calendar_seed"), {"year": "2027"}, follow=True)
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_hours_list_shows_what_the_user_may_set(client, login, small_tree):
    login(Role.STAFF, node="community")
    working_hours_set(node=small_tree["street"], periods=[["09:00", "17:00"]])
    body = client.get(reverse("worktime:hours")).content.decode()
    assert small_tree["community"].name in body
    assert "09:00–17:00" in body  # inherited from the street
    assert small_tree["street"].name in body  # … and says so
    assert reverse("worktime:hours_edit", args=["T-S"]) not in body


def test_community_staff_set_and_clear_their_hours(client, login, small_tree):
    login(Role.STAFF, node="community")
    url = reverse("worktime:hours_edit", args=["T-S-C"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"periods": "08:00-12:00，14:30–18:00", "action": "save"})
    assert response.status_code == 302
    assert WorkingHours.objects.get().periods == [["08:00", "12:00"], ["14:30", "18:00"]]
    response = client.post(url, {"action": "clear"})
    assert response.status_code == 302
    assert not WorkingHours.objects.exists()


def test_bad_periods_show_an_error(client, login):
    login(Role.STAFF, node="community")
    url = reverse("worktime:hours_edit", args=["T-S-C"])
    response = client.post(url, {"periods": "13:30-17:30, 08:30-12:00", "action": "save"})
    assert response.status_code == 200
    assert "in order" in response.content.decode()
    assert not WorkingHours.objects.exists()


@pytest.mark.parametrize("code", ["T-S", "T-S-C-G1", "NOPE"])
def test_hours_of_other_places_answer_404(client, login, code):
    login(Role.STAFF, node="community")
    assert client.get(reverse("worktime:hours_edit", args=[code])).status_code == 404
    assert (
        client.post(
            reverse("worktime:hours_edit", args=[code]), {"periods": "09:00-17:00"}
        ).status_code
        == 404
    )
