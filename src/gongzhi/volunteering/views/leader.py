"""The leader's activity console: roster, codes, check-in and out, hours, the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.org.models import Person
from gongzhi.volunteering import codes, selectors
from gongzhi.volunteering.choices import ActivityState, CheckMethod, CodePurpose
from gongzhi.volunteering.forms import AdjustHoursForm, CodeEntryForm, ReportForm
from gongzhi.volunteering.models import Attendance, ReportPhoto
from gongzhi.volunteering.services import (
    attendance_adjust_hours,
    attendance_check_in,
    attendance_check_out,
    attendance_scan_personal_code,
    report_file,
)
from gongzhi.volunteering.views.common import add_form_errors, led_activity, refuse


@login_required
def console(request, pk: int):
    activity = led_activity(request, pk)
    signups = selectors.roster(activity)
    report_form = ReportForm()
    return render(
        request,
        "volunteering/console.html",
        {
            "activity": activity,
            "signups": signups,
            "code_form": CodeEntryForm(),
            "report_form": report_form,
            "can_report": activity.state == ActivityState.PUBLISHED
            and timezone.now() >= activity.starts_at,
            "report": getattr(activity, "report", None),
            "photos": ReportPhoto.objects.filter(report__activity=activity),
        },
    )


@login_required
def rotating_code(request, pk: int, purpose: str):
    """The activity's rotating QR code, full screen on the leader's phone."""
    activity = led_activity(request, pk)
    if purpose not in CodePurpose.values:
        raise Http404
    template = (
        "volunteering/_rotating_qr.html" if request.htmx else "volunteering/rotating_code.html"
    )
    code = codes.rotating_code(activity_id=activity.pk, purpose=purpose)
    url = request.build_absolute_uri(reverse("volunteering:scan", args=[code]))
    return render(
        request,
        template,
        {
            "activity": activity,
            "purpose": purpose,
            "is_check_in": purpose == CodePurpose.CHECK_IN,
            "qr": codes.qr_svg(url, scale=6),
        },
    )


@login_required
def personal_scan(request, token: str):
    """The page a volunteer's personal QR code opens in the leader's browser."""
    try:
        activity_id, person_id = codes.read_personal_code(token)
    except codes.CodeRefused as exc:
        return render(request, "volunteering/scan_result.html", {"error": str(exc)}, status=400)
    activity = led_activity(request, activity_id)
    person = get_object_or_404(Person, pk=person_id)
    if request.method == "POST":
        try:
            attendance = attendance_scan_personal_code(
                token=token, action=request.POST.get("action", ""), actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _checked_message(attendance))
        return redirect("volunteering:console", activity.pk)
    attendance = Attendance.objects.filter(activity=activity, person=person).first()
    return render(
        request,
        "volunteering/personal_scan.html",
        {"activity": activity, "person": person, "attendance": attendance},
    )


def _checked_message(attendance: Attendance) -> str:
    if attendance.check_out_at:
        return _("%(name)s checked out: %(hours)s hours.") % {
            "name": attendance.person.name,
            "hours": attendance.hours,
        }
    return _("%(name)s checked in.") % {"name": attendance.person.name}


@login_required
@require_POST
def enter_code(request, pk: int):
    """The leader types or pastes a volunteer's personal code."""
    activity = led_activity(request, pk)
    form = CodeEntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the volunteer's code and choose check-in or check-out."))
        return redirect("volunteering:console", activity.pk)
    token = form.cleaned_data["code"]
    try:
        code_activity_id, _person_id = codes.read_personal_code(token)
    except codes.CodeRefused as exc:
        messages.error(request, str(exc))
        return redirect("volunteering:console", activity.pk)
    if code_activity_id != activity.pk:
        messages.error(request, _("That code belongs to another activity."))
        return redirect("volunteering:console", activity.pk)
    try:
        attendance = attendance_scan_personal_code(
            token=token, action=form.cleaned_data["action"], actor=request.user
        )
    except ValidationError as exc:
        return refuse(request, exc, "volunteering:console", activity.pk)
    messages.success(request, _checked_message(attendance))
    return redirect("volunteering:console", activity.pk)


@login_required
@require_POST
def manual_check(request, pk: int, person_pk: int, action: str):
    """Check a volunteer in or out from the roster (phone flat, code lost)."""
    activity = led_activity(request, pk)
    person = get_object_or_404(Person, pk=person_pk, signups__activity=activity)
    service = {
        CodePurpose.CHECK_IN: attendance_check_in,
        CodePurpose.CHECK_OUT: attendance_check_out,
    }
    if action not in service:
        raise Http404
    try:
        attendance = service[action](
            activity=activity, person=person, method=CheckMethod.MANUAL, actor=request.user
        )
    except ValidationError as exc:
        return refuse(request, exc, "volunteering:console", activity.pk)
    messages.success(request, _checked_message(attendance))
    return redirect("volunteering:console", activity.pk)


@login_required
def adjust_hours(request, pk: int, attendance_pk: int):
    activity = led_activity(request, pk)
    attendance = get_object_or_404(
        Attendance.objects.select_related("person"), pk=attendance_pk, activity=activity
    )
    form = AdjustHoursForm(request.POST or None, initial={"hours": attendance.hours})
    if request.method == "POST" and form.is_valid():
        try:
            attendance_adjust_hours(attendance=attendance, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Hours changed."))
            return redirect("volunteering:console", activity.pk)
    return render(
        request,
        "volunteering/adjust_hours.html",
        {"activity": activity, "attendance": attendance, "form": form},
    )


@login_required
@require_POST
def file_report(request, pk: int):
    activity = led_activity(request, pk)
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            report_file(activity=activity, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Report filed; the activity is finished."))
            return redirect("volunteering:console", activity.pk)
    return render(
        request,
        "volunteering/console.html",
        {
            "activity": activity,
            "signups": selectors.roster(activity),
            "code_form": CodeEntryForm(),
            "report_form": form,
            "can_report": True,
        },
        status=400,
    )


@login_required
def report_photo(request, pk: int, photo_pk: int):
    """A report photo, shown to the activity's leaders only (photos show residents' faces)."""
    activity = led_activity(request, pk)
    photo = get_object_or_404(ReportPhoto, pk=photo_pk, report__activity=activity)
    try:
        return FileResponse(photo.image.open("rb"))
    except FileNotFoundError as exc:
        raise Http404 from exc
