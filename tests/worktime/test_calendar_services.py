"""Staff keep the calendar through services: validation, district-level permission, audit."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.core.models import AuditEntry
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign
from gongzhi.worktime.choices import DayKind, DaySource
from gongzhi.worktime.models import CalendarDay
from gongzhi.worktime.permissions import can_manage_calendar
from gongzhi.worktime.services import calendar_day_add, calendar_day_remove, calendar_day_update


@pytest.fixture
def district_staff(small_tree, make_user):
    user = make_user()
    role_assign(user=user, role=Role.STAFF, node=small_tree["district"])
    return user


def test_add_records_day_and_audit(district_staff):
    day = calendar_day_add(
        date=date(2027, 1, 1), kind=DayKind.HOLIDAY, name=" 元旦 ", actor=district_staff
    )
    assert (day.name, day.source) == ("元旦", DaySource.MANUAL)
    entry = AuditEntry.objects.get(action="worktime.calendar_day.added")
    assert entry.actor == district_staff
    assert entry.data["new"] == {
        "date": "2027-01-01",
        "kind": "holiday",
        "name": "元旦",
        "note": "",
    }


def test_same_date_twice_is_refused(district_staff):
    calendar_day_add(date=date(2027, 1, 1), kind=DayKind.HOLIDAY, actor=district_staff)
    with pytest.raises(ValidationError) as exc:
        calendar_day_add(date=date(2027, 1, 1), kind=DayKind.HOLIDAY, actor=district_staff)
    assert "already in the calendar" in exc.value.message_dict["date"][0]


def test_make_up_workday_on_a_weekday_is_refused(db):
    with pytest.raises(ValidationError) as exc:
        calendar_day_add(date=date(2027, 3, 3), kind=DayKind.MAKEUP_WORKDAY)
    assert "Saturday or Sunday" in exc.value.message_dict["kind"][0]
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize(
    "values,field",
    [
        ({"date": datetime(2027, 1, 1, 8, 0)}, "date"),
        ({"date": "2027-01-01"}, "date"),
        ({"date": date(1999, 1, 1)}, "date"),
        ({"kind": "festival"}, "kind"),
        ({"name": "节" * 51}, "name"),
        ({"note": "<script>" * 30}, "note"),
        ({"name": 7}, "name"),
    ],
)
def test_bad_values_name_the_field(db, values, field):
    arguments = {"date": date(2027, 1, 1), "kind": DayKind.HOLIDAY, **values}
    with pytest.raises(ValidationError) as exc:
        calendar_day_add(**arguments)
    assert field in exc.value.message_dict


def test_update_changes_kind_and_marks_manual(db):
    day = CalendarDay.objects.create(
        date=date(2027, 2, 6), kind=DayKind.HOLIDAY, source=DaySource.PUBLISHED
    )
    day = calendar_day_update(day=day, kind=DayKind.MAKEUP_WORKDAY, name="春节")
    assert (day.kind, day.name, day.source) == (DayKind.MAKEUP_WORKDAY, "春节", DaySource.MANUAL)
    entry = AuditEntry.objects.get(action="worktime.calendar_day.changed")
    assert entry.data["old"]["kind"] == "holiday"
    assert entry.data["new"]["kind"] == "makeup_workday"


def test_update_refuses_unknown_fields(db):
    day = CalendarDay.objects.create(date=date(2027, 2, 6), kind=DayKind.HOLIDAY)
    with pytest.raises(ValidationError):
        calendar_day_update(day=day, date=date(2027, 2, 7))


def test_remove_is_audited(district_staff):
    day = calendar_day_add(date=date(2027, 1, 1), kind=DayKind.HOLIDAY, actor=district_staff)
    calendar_day_remove(day=day, actor=district_staff)
    assert not CalendarDay.objects.exists()
    entry = AuditEntry.objects.get(action="worktime.calendar_day.removed")
    assert entry.data["old"]["date"] == "2027-01-01"
    assert entry.object_id == str(day.pk)


def test_community_staff_may_not_change_the_district_calendar(small_tree, make_user):
    staff = make_user()
    role_assign(user=staff, role=Role.STAFF, node=small_tree["community"])
    assert not can_manage_calendar(staff)
    with pytest.raises(PermissionDenied):
        calendar_day_add(date=date(2027, 1, 1), kind=DayKind.HOLIDAY, actor=staff)


@pytest.mark.parametrize("role", [Role.STAFF, Role.SUPERVISOR, Role.ADMIN])
def test_district_roles_may_change_the_calendar(small_tree, make_user, role):
    user = make_user()
    role_assign(user=user, role=role, node=small_tree["district"])
    assert can_manage_calendar(user)


@pytest.mark.parametrize("role", [Role.GRID_WORKER, Role.HANDLER, Role.AUDITOR])
def test_other_district_roles_may_not(small_tree, make_user, role):
    user = make_user()
    role_assign(user=user, role=role, node=small_tree["district"])
    assert not can_manage_calendar(user)


def test_superuser_may_change_the_calendar(make_user):
    assert can_manage_calendar(make_user(is_superuser=True))
    assert not can_manage_calendar(make_user())
