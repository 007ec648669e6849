"""Live figures are counted from the records and link to the list behind them."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gongzhi.cases.choices import State
from gongzhi.portal.selectors import figures_for
from gongzhi.volunteering.services import (
    attendance_check_in,
    attendance_check_out,
    signup_create,
)
from tests.cases.helpers import drive


def _by_key(node):
    return {f.key: f for f in figures_for(node)}


def test_reports_received_and_closed_this_month_are_counted(world, report):
    drive(world, report(), State.CLOSED)
    report()
    figures = _by_key(world["community"])
    assert figures["reports_received"].value == 2
    assert figures["reports_closed"].value == 1
    assert figures["closed_on_time"].display == "100%"


def test_a_figure_links_to_a_list_showing_the_same_count(world, report, client):
    report(is_public=True)
    report(is_public=True)
    figure = _by_key(world["community"])["reports_received"]
    body = client.get(figure.url).content.decode()
    assert len(re.findall(r'href="/report/cases/', body)) == 2


def test_figures_of_another_grid_leave_this_one_out(world, report):
    report()
    assert _by_key(world["grid2"])["reports_received"].value == 0
    assert _by_key(world["grid1"])["reports_received"].value == 1


def test_volunteer_hours_and_activities_come_from_attendance(
    world, make_activity, make_person, now
):
    activity = make_activity(
        starts_at=now - timedelta(hours=4),
        ends_at=now - timedelta(hours=2),
        signup_opens_at=now - timedelta(days=2),
        signup_closes_at=now - timedelta(hours=5),
    )
    volunteer = make_person("李志愿")
    signup_create(activity=activity, person=volunteer, at=now - timedelta(days=1))
    start = activity.starts_at
    attendance_check_in(activity=activity, person=volunteer, method="manual", at=start)
    attendance_check_out(
        activity=activity, person=volunteer, method="manual", at=start + timedelta(minutes=90)
    )
    figures = {f.key: f for f in figures_for(world["community"], day=timezone.localdate(start))}
    assert figures["activities"].value == 1
    assert figures["volunteer_hours"].value == 1.5


def test_the_district_index_lists_communities_with_figures(world, client):
    body = client.get(reverse("home")).content.decode()
    assert world["community"].name in body
    assert reverse("portal:place", args=[world["community"].code]) in body
