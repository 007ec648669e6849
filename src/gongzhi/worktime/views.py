"""Staff pages: the district's working-time calendar and the working hours of communities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gongzhi.org.models import Node
from gongzhi.worktime import selectors, services
from gongzhi.worktime.forms import (
    CalendarDayEditForm,
    CalendarDayForm,
    WorkingHoursForm,
    add_service_errors,
)
from gongzhi.worktime.models import CalendarDay
from gongzhi.worktime.periods import periods_to_text
from gongzhi.worktime.permissions import can_manage_calendar, can_manage_hours


def _year_from(request) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    if not services.MIN_YEAR <= year <= services.MAX_YEAR:
        year = timezone.localdate().year
    return year


def _calendar_url(year: int) -> str:
    return f"{reverse('worktime:calendar')}?year={year}"


def _require_manager(user) -> None:
    if not can_manage_calendar(user):
        raise PermissionDenied(_("Only staff of the district may change the calendar."))


@login_required
def calendar_list(request):
    year = _year_from(request)
    return render(
        request,
        "worktime/calendar_list.html",
        {
            "year": year,
            "days": selectors.calendar_days(year),
            "can_manage": can_manage_calendar(request.user),
            "missing_years": selectors.years_without_holidays(),
            "seedable": bool(selectors.seedable_years([year])),
            "form": CalendarDayForm(),
        },
    )


@login_required
def day_add(request):
    _require_manager(request.user)
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            day = services.calendar_day_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(day)s was added to the calendar.") % {"day": day})
            return redirect(_calendar_url(day.date.year))
    return render(request, "worktime/day_form.html", {"form": form, "day": None})


@login_required
def day_edit(request, pk):
    _require_manager(request.user)
    day = get_object_or_404(CalendarDay, pk=pk)
    initial = {"kind": day.kind, "name": day.name, "note": day.note}
    form = CalendarDayEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            day = services.calendar_day_update(day=day, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(day)s was changed.") % {"day": day})
            return redirect(_calendar_url(day.date.year))
    return render(request, "worktime/day_form.html", {"form": form, "day": day})


@login_required
def day_remove(request, pk):
    _require_manager(request.user)
    day = get_object_or_404(CalendarDay, pk=pk)
    if request.method == "POST":
        year = day.date.year
        services.calendar_day_remove(day=day, actor=request.user)
        messages.success(request, _("%(day)s was removed from the calendar.") % {"day": day})
        return redirect(_calendar_url(year))
    return render(request, "worktime/day_confirm_remove.html", {"day": day})


@login_required
@require_POST
def calendar_seed(request):
    _require_manager(request.user)
    year = _year_from(request)
    if not selectors.seedable_years([year]):
        messages.warning(
            request,
            _("The published schedule installed here does not cover %(year)d yet.")
            % {"year": year},
        )
    else:
        added = services.seed_calendar(years=[year], actor=request.user)
        messages.success(
            request,
            ngettext(
                "%(n)d day was added from the published schedule.",
                "%(n)d days were added from the published schedule.",
                added,
            )
            % {"n": added},
        )
    return redirect(_calendar_url(year))


@login_required
def hours_list(request):
    return render(
        request,
        "worktime/hours_list.html",
        {"rows": selectors.hours_overview(request.user)},
    )


@login_required
def hours_edit(request, code):
    node = Node.objects.filter(code=code, level__in=services.HOURS_LEVELS).first()
    # Missing and forbidden answer alike.
    if node is None or not can_manage_hours(request.user, node):
        raise Http404
    current = selectors.hours_for_node(node)
    initial = {
        "periods": periods_to_text(current.periods).replace("–", "-"),
        "note": current.own.note if current.own else "",
    }
    form = WorkingHoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "clear":
        if services.working_hours_clear(node=node, actor=request.user):
            messages.success(request, _("%(node)s now uses the hours above it.") % {"node": node})
        return redirect("worktime:hours_edit", code=node.code)
    if request.method == "POST" and form.is_valid():
        try:
            services.working_hours_set(node=node, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The working hours of %(node)s were saved.") % {"node": node}
            )
            return redirect("worktime:hours_edit", code=node.code)
    return render(
        request, "worktime/hours_form.html", {"node": node, "current": current, "form": form}
    )
