import sys
import types
from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection

from gongzhi.volunteering.choices import CheckMethod
from gongzhi.volunteering.rewards import award_service_hours
from gongzhi.volunteering.services import (
    attendance_adjust_hours,
    attendance_check_in,
    attendance_check_out,
    signup_create,
)


@pytest.fixture
def points_calls(monkeypatch):
    """A stand-in for ``gongzhi.points.services`` that records its calls."""
    calls = []

    def points_award(**kwargs):
        assert connection.in_atomic_block, "points are awarded inside the check-out transaction"
        calls.append(kwargs)
        return "entry"

    package = types.ModuleType("gongzhi.points")
    package.services = types.SimpleNamespace(points_award=points_award)
    monkeypatch.setitem(sys.modules, "gongzhi.points", package)
    monkeypatch.setitem(sys.modules, "gongzhi.points.services", package.services)
    real = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name == "gongzhi.points" or real(name))
    return calls


@pytest.fixture
def checked_out(make_activity, make_person):
    activity = make_activity()
    person = make_person()
    signup_create(activity=activity, person=person)

    def check_out(minutes):
        start = activity.starts_at
        attendance_check_in(activity=activity, person=person, method=CheckMethod.MANUAL, at=start)
        return attendance_check_out(
            activity=activity,
            person=person,
            method=CheckMethod.MANUAL,
            at=start + timedelta(minutes=minutes),
        )

    return check_out


def test_nothing_happens_without_the_points_app(checked_out):
    attendance = checked_out(60)
    assert not apps.is_installed("gongzhi.points")
    assert award_service_hours(attendance, None) is None
    assert attendance.hours_rewarded == Decimal("0")


def test_check_out_awards_the_hours_once(checked_out, points_calls):
    attendance = checked_out(90)
    assert len(points_calls) == 1
    call = points_calls[0]
    assert call["person"] == attendance.person and call["source"] == attendance
    assert call["reason"] == "service_hour" and call["quantity"] == Decimal("1.50")
    assert call["idempotency_key"] == f"volunteering.attendance:{attendance.pk}:hours:1.50"
    assert attendance.hours_rewarded == Decimal("1.50")


def test_adjustment_up_awards_only_the_difference(checked_out, points_calls, leader):
    attendance = checked_out(60)
    attendance_adjust_hours(attendance=attendance, hours="1.5", reason="补录", actor=leader.user)
    assert [c["quantity"] for c in points_calls] == [Decimal("1.00"), Decimal("0.50")]
    attendance_adjust_hours(attendance=attendance, hours="0.5", reason="更正", actor=leader.user)
    assert len(points_calls) == 2
