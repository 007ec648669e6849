"""Organising activities (leaders and staff) and reading volunteers' records (staff)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.org.access import get_for, user_scope
from gongzhi.org.models import Person
from gongzhi.volunteering import selectors
from gongzhi.volunteering.choices import TeamRole
from gongzhi.volunteering.forms import ActivityForm, CancelActivityForm, CertificateRequestForm
from gongzhi.volunteering.models import ServiceTeam
from gongzhi.volunteering.permissions import LEAD, VIEW_RECORDS, can_manage, person_of
from gongzhi.volunteering.services import (
    activity_cancel,
    activity_create,
    activity_publish,
    activity_update,
    certificate_issue,
)
from gongzhi.volunteering.views.common import add_form_errors, led_activity, refuse


def _teams_led_by(user):
    """Teams whose activities ``user`` may organise: by role on the node or as leader member."""
    scope = user_scope(user)
    if scope.is_global:
        return ServiceTeam.objects.filter(is_active=True)
    q = Q(pk__in=[])
    for path in scope.paths_for(LEAD):
        q |= Q(node__path__startswith=path)
    person = person_of(user)
    if person is not None:
        q |= Q(memberships__person=person, memberships__role=TeamRole.LEADER)
    return ServiceTeam.objects.filter(q, is_active=True).distinct().select_related("node")


@login_required
def my_console(request):
    """The activities I may run."""
    return render(
        request,
        "volunteering/lead_list.html",
        {
            "activities": selectors.leadable_activities(request.user)[:100],
            "can_create": _teams_led_by(request.user).exists(),
        },
    )


@login_required
def activity_new(request):
    teams = _teams_led_by(request.user)
    if not teams.exists():
        raise PermissionDenied
    form = ActivityForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_create(
                team=form.cleaned_data["team"],
                labels=form.cleaned_data["labels"],
                actor=request.user,
                **form.service_fields(),
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Draft saved. Publish it when it is ready."))
            return redirect("volunteering:console", activity.pk)
    return render(request, "volunteering/activity_form.html", {"form": form, "activity": None})


@login_required
def activity_edit(request, pk: int):
    activity = led_activity(request, pk)
    teams = ServiceTeam.objects.filter(pk=activity.team_id)
    initial = {
        name: getattr(activity, name) for name in ActivityForm.base_fields if name != "labels"
    }
    initial["labels"] = list(activity.labels.all())
    for name in ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at"):
        initial[name] = timezone.localtime(initial[name])
    form = ActivityForm(request.POST or None, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        changes = {k: v for k, v in fields.items() if getattr(activity, k) != v}
        try:
            activity_update(
                activity=activity, labels=form.cleaned_data["labels"], actor=request.user, **changes
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Activity saved."))
            return redirect("volunteering:console", activity.pk)
    return render(request, "volunteering/activity_form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def publish(request, pk: int):
    activity = led_activity(request, pk)
    try:
        activity_publish(activity=activity, actor=request.user)
    except ValidationError as exc:
        return refuse(request, exc, "volunteering:console", pk)
    messages.success(request, _("The activity is on the calendar."))
    return redirect("volunteering:console", pk)


@login_required
@require_POST
def cancel_activity(request, pk: int):
    activity = led_activity(request, pk)
    form = CancelActivityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the activity is cancelled."))
        return redirect("volunteering:console", pk)
    try:
        activity_cancel(activity=activity, reason=form.cleaned_data["reason"], actor=request.user)
    except ValidationError as exc:
        return refuse(request, exc, "volunteering:console", pk)
    messages.success(request, _("The activity is cancelled."))
    return redirect("volunteering:console", pk)


@login_required
def person_record(request, pk: int):
    """A volunteer's record for staff, with certificate issuing for those who manage."""
    person = get_for(request.user, Person.objects.select_related("node"), VIEW_RECORDS, pk=pk)
    issuer = selectors.issuing_community(person)
    may_issue = issuer is not None and can_manage(request.user, issuer)
    today = timezone.localdate()
    form = CertificateRequestForm(
        request.POST or None,
        initial={"period_start": date(today.year, 1, 1), "period_end": today},
    )
    if request.method == "POST":
        if not may_issue:
            raise PermissionDenied
        if form.is_valid():
            try:
                certificate = certificate_issue(
                    person=person, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                return redirect("volunteering:certificate_pdf", certificate.pk)
    return render(
        request,
        "volunteering/person_record.html",
        {
            "person": person,
            "record": selectors.volunteer_record(person),
            "form": form if may_issue else None,
            "issuer": issuer,
        },
    )
