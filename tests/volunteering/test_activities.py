from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongzhi.volunteering.choices import ActivityState
from gongzhi.volunteering.models import Activity, Venue
from gongzhi.volunteering.services import activity_cancel, activity_create, activity_publish


def fields(now, **over):
    values = {
        "title": "文明治理",
        "location": "小区广场",
        "starts_at": now + timedelta(days=1),
        "ends_at": now + timedelta(days=1, hours=2),
        "capacity": 10,
        "signup_opens_at": now,
        "signup_closes_at": now + timedelta(hours=20),
    }
    values.update(over)
    return values


def test_bad_activity_fields_are_named(team, now):
    with pytest.raises(ValidationError) as info:
        activity_create(
            team=team,
            **fields(
                now,
                title=" ",
                ends_at=now,
                capacity=0,
                location="",
            ),
        )
    assert {"title", "ends_at", "capacity", "location"} <= set(info.value.message_dict)


def test_activity_must_be_in_the_team_area(team, now, small_tree):
    with pytest.raises(ValidationError) as info:
        activity_create(team=team, **fields(now, node=small_tree["street"]))
    assert "node" in info.value.message_dict


def test_capacity_cannot_exceed_the_venue(team, now, small_tree):
    venue = Venue.objects.create(name="树下议事厅", node=small_tree["community"], capacity=20)
    with pytest.raises(ValidationError) as info:
        activity_create(team=team, **fields(now, venue=venue, capacity=30))
    assert "capacity" in info.value.message_dict


def test_residents_cannot_organise_for_a_team(team, now, make_person):
    with pytest.raises(PermissionDenied):
        activity_create(team=team, actor=make_person().user, **fields(now))


def test_leader_creates_publishes_and_cancels(team, now, leader):
    activity = activity_create(team=team, actor=leader.user, **fields(now))
    assert activity.state == ActivityState.DRAFT
    activity_publish(activity=activity, actor=leader.user)
    with pytest.raises(ValidationError):
        activity_cancel(activity=activity, reason="", actor=leader.user)
    cancelled = activity_cancel(activity=activity, reason="台风天气", actor=leader.user)
    assert cancelled.state == ActivityState.CANCELLED and cancelled.cancel_reason == "台风天气"
    with pytest.raises(ValidationError):
        activity_publish(activity=cancelled, actor=leader.user)


def test_leader_creates_an_activity_through_the_page(client, team, leader, now):
    client.force_login(leader.user)
    local = "%Y-%m-%dT%H:%M"
    response = client.post(
        reverse("volunteering:activity_new"),
        {
            "title": "爱心义剪",
            "team": team.pk,
            "location": "花香书屋门口",
            "starts_at": (now + timedelta(days=2)).astimezone().strftime(local),
            "ends_at": (now + timedelta(days=2, hours=2)).astimezone().strftime(local),
            "capacity": "8",
            "signup_opens_at": now.astimezone().strftime(local),
            "signup_closes_at": (now + timedelta(days=1)).astimezone().strftime(local),
            "audience": "everyone",
        },
    )
    assert response.status_code == 302, response.content.decode()
    activity = Activity.objects.get(title="爱心义剪")
    assert activity.team == team and activity.created_by == leader.user
    client.post(reverse("volunteering:publish", args=[activity.pk]))
    assert Activity.objects.get(pk=activity.pk).state == ActivityState.PUBLISHED


def test_new_activity_page_is_forbidden_without_a_team(client, make_person):
    client.force_login(make_person().user)
    assert client.get(reverse("volunteering:activity_new")).status_code == 403
