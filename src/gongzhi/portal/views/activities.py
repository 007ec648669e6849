"""The activities calendar (month and list views), an activity's page and its sign-up button,
which goes through the volunteering app's sign-up service."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.core import scrub
from gongzhi.portal import selectors
from gongzhi.portal.periods import parse_month
from gongzhi.portal.views.common import paginate
from gongzhi.volunteering import selectors as vol
from gongzhi.volunteering.choices import SignupState
from gongzhi.volunteering.models import Activity, Signup
from gongzhi.volunteering.permissions import person_of
from gongzhi.volunteering.services import signup_create
from gongzhi.volunteering.services.signups import signup_problem


def _shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def calendar(request):
    view = "list" if request.GET.get("view") == "list" else "month"
    month = parse_month(request.GET.get("month")) or timezone.localdate().replace(day=1)
    last = month.replace(day=pycalendar.monthrange(month.year, month.month)[1])
    place = selectors.place_from_query(request.GET.get("place"))
    activities = vol.public_activities(first=month, last=last)
    if place is not None:
        activities = activities.filter(node__path__startswith=place.path)
    activities = list(activities)
    by_day: dict[date, list] = {}
    for activity in activities:
        by_day.setdefault(timezone.localdate(activity.starts_at), []).append(activity)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        weeks.append([(day, day.month == month.month, by_day.get(day, [])) for day in week])
    page, query = paginate(request, activities)
    return render(
        request,
        "portal/activities.html",
        {
            "view": view,
            "month": month,
            "previous": _shift(month, -1),
            "following": _shift(month, 1),
            "place": place,
            "weeks": weeks,
            "page": page,
            "query": query,
            "days": sorted(by_day.items()),
            "today": timezone.localdate(),
            "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        },
    )


def _activity(pk: int) -> Activity:
    activity = vol.activity_detail(Activity.objects.public(), pk)
    if activity is None:
        raise Http404
    return activity


def detail(request, pk: int):
    activity = _activity(pk)
    person = person_of(request.user)
    signup = Signup.objects.filter(activity=activity, person=person).first() if person else None
    active = signup is not None and signup.state != SignupState.CANCELLED
    now = timezone.now()
    problem = signup_problem(activity, person, now) if person is not None else None
    if person is None and request.user.is_authenticated:
        problem = _("Your account is not linked to a resident; ask the community office.")
    open_for_signup = activity.signup_opens_at <= now < activity.signup_closes_at
    return render(
        request,
        "portal/activity_detail.html",
        {
            "activity": activity,
            "description": scrub.scrub_text(activity.description),
            "places_left": max(activity.capacity - activity.confirmed_count, 0),
            "signup": signup if active else None,
            "can_sign_up": person is not None and problem is None and not active,
            "problem": problem if not active else None,
            "open_for_signup": open_for_signup and activity.state == "published",
        },
    )


@login_required
@require_POST
def sign_up(request, pk: int):
    activity = _activity(pk)
    person = person_of(request.user)
    if person is None:
        messages.error(
            request, _("Your account is not linked to a resident; ask the community office.")
        )
        return redirect("portal:activity_detail", pk)
    try:
        signup = signup_create(activity=activity, person=person, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("portal:activity_detail", pk)
    if signup.state == SignupState.CONFIRMED:
        messages.success(request, _("You have a place. See you there!"))
    else:
        messages.info(request, _("The activity is full: you are on the waiting list."))
    return redirect("portal:activity_detail", pk)
