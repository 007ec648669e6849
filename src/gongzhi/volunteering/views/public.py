"""Public pages: the activity calendar, activity details, teams. No login needed."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from gongzhi.volunteering import selectors
from gongzhi.volunteering.choices import SignupState
from gongzhi.volunteering.models import Activity, Label, Signup
from gongzhi.volunteering.permissions import can_lead, person_of
from gongzhi.volunteering.services.signups import signup_problem


def _anchor(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def calendar(request):
    """The public activity calendar by month or week, as a list of days (readable on a phone)."""
    view = "week" if request.GET.get("view") == "week" else "month"
    anchor = _anchor(request.GET.get("day"))
    first, last = selectors.calendar_range(view, anchor)
    label_id = _int(request.GET.get("label"))
    activities = list(selectors.public_activities(first=first, last=last, label_id=label_id))
    days = [
        (day, list(items))
        for day, items in groupby(activities, key=lambda a: timezone.localdate(a.starts_at))
    ]
    if view == "week":
        previous, following = first - timedelta(days=7), first + timedelta(days=7)
    else:
        previous, following = first - timedelta(days=1), last + timedelta(days=1)
    return render(
        request,
        "volunteering/calendar.html",
        {
            "view": view,
            "first": first,
            "last": last,
            "days": days,
            "previous": previous.replace(day=1) if view == "month" else previous,
            "following": following,
            "today": timezone.localdate(),
            "labels": Label.objects.all(),
            "label_id": label_id,
        },
    )


def activity_detail(request, pk: int):
    """An activity's page; drafts only for those who may lead it."""
    activity = selectors.activity_detail(Activity.objects.public(), pk)
    if activity is None and request.user.is_authenticated:
        activity = selectors.activity_detail(Activity.objects.visible_to(request.user), pk)
    if activity is None:
        raise Http404
    person = person_of(request.user)
    signup = None
    waiting_position = None
    if person is not None:
        signup = Signup.objects.filter(activity=activity, person=person).first()
        if signup is not None and signup.state == SignupState.WAITLISTED:
            ahead = Q(signed_up_at__lt=signup.signed_up_at) | Q(
                signed_up_at=signup.signed_up_at, id__lte=signup.id
            )
            waiting_position = Signup.objects.filter(
                ahead, activity=activity, state=SignupState.WAITLISTED
            ).count()
    now = timezone.now()
    problem = signup_problem(activity, person, now) if person is not None else None
    return render(
        request,
        "volunteering/activity_detail.html",
        {
            "activity": activity,
            "places_left": max(activity.capacity - activity.confirmed_count, 0),
            "person": person,
            "signup": signup,
            "waiting_position": waiting_position,
            "active_signup": signup is not None and signup.state != SignupState.CANCELLED,
            "can_sign_up": person is not None
            and problem is None
            and (signup is None or signup.state == SignupState.CANCELLED),
            "signup_problem": problem,
            "can_cancel": signup is not None
            and signup.state != SignupState.CANCELLED
            and now < activity.starts_at,
            "can_lead": can_lead(request.user, activity),
            "report": getattr(activity, "report", None),
        },
    )


def team_list(request):
    return render(request, "volunteering/team_list.html", {"teams": selectors.team_list()})


def team_detail(request, pk: int):
    team = selectors.team_detail(pk)
    if team is None:
        raise Http404
    today = timezone.localdate()
    activities = selectors.public_activities(first=today, last=today + timedelta(days=90)).filter(
        team=team
    )
    return render(
        request,
        "volunteering/team_detail.html",
        {"team": team, "upcoming": activities},
    )
