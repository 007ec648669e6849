"""A logged-in resident's pages: sign up, cancel, my activities and personal codes, scanning the
activity's code, my volunteer record and certificates."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.org.access import get_for
from gongzhi.volunteering import codes, rules, selectors
from gongzhi.volunteering.certificate_pdf import render_certificate
from gongzhi.volunteering.choices import ActivityState, CodePurpose, SignupState
from gongzhi.volunteering.forms import CertificateRequestForm
from gongzhi.volunteering.models import Activity, Certificate, Signup
from gongzhi.volunteering.permissions import person_of
from gongzhi.volunteering.services import (
    attendance_scan_activity_code,
    certificate_issue,
    signup_cancel,
    signup_create,
)
from gongzhi.volunteering.views.common import add_form_errors, refuse


def _person_or_refuse(request):
    person = person_of(request.user)
    if person is None:
        messages.error(
            request, _("Your account is not linked to a resident; ask the community office.")
        )
    return person


@login_required
@require_POST
def sign_up(request, pk: int):
    activity = get_object_or_404(Activity.objects.public(), pk=pk)
    person = _person_or_refuse(request)
    if person is None:
        return redirect("volunteering:activity_detail", pk)
    try:
        signup = signup_create(activity=activity, person=person, actor=request.user)
    except ValidationError as exc:
        return refuse(request, exc, "volunteering:activity_detail", pk)
    if signup.state == SignupState.CONFIRMED:
        messages.success(request, _("You have a place. See you there!"))
    else:
        messages.info(request, _("The activity is full: you are on the waiting list."))
    return redirect("volunteering:activity_detail", pk)


@login_required
@require_POST
def cancel(request, pk: int):
    person = person_of(request.user)
    signup = get_object_or_404(Signup, activity_id=pk, person=person) if person else None
    if signup is None:
        return redirect("volunteering:activity_detail", pk)
    try:
        signup_cancel(signup=signup, actor=request.user)
    except ValidationError as exc:
        return refuse(request, exc, "volunteering:activity_detail", pk)
    messages.success(request, _("Your sign-up is cancelled."))
    return redirect("volunteering:activity_detail", pk)


def _needs_code(signup, now) -> bool:
    activity = signup.activity
    return (
        signup.state == SignupState.CONFIRMED
        and activity.state in (ActivityState.PUBLISHED, ActivityState.FINISHED)
        and now <= activity.ends_at + rules.CHECK_OUT_CLOSES_AFTER
    )


@login_required
def my_activities(request):
    """My sign-ups, with my personal QR code for each activity I can still check in or out of."""
    person = person_of(request.user)
    signups = list(selectors.my_signups(person)) if person else []
    now = timezone.now()
    for signup in signups:
        signup.code = None
        if _needs_code(signup, now):
            token = codes.personal_code(activity_id=signup.activity_id, person_id=person.pk)
            url = request.build_absolute_uri(reverse("volunteering:personal_scan", args=[token]))
            signup.code = token
            signup.qr = codes.qr_svg(url, scale=4)
    return render(
        request, "volunteering/my_activities.html", {"person": person, "signups": signups}
    )


@login_required
def scan_activity_code(request, code: str):
    """The page the activity's rotating QR code opens: confirm, then check in or out."""
    try:
        activity_id, purpose = codes.read_rotating_code(code)
    except codes.CodeRefused as exc:
        return render(request, "volunteering/scan_result.html", {"error": str(exc)}, status=400)
    activity = get_object_or_404(Activity, pk=activity_id)
    if request.method == "POST":
        try:
            attendance = attendance_scan_activity_code(
                code=code, person=person_of(request.user), actor=request.user
            )
        except ValidationError as exc:
            context = {"error": " ".join(exc.messages), "activity": activity}
            return render(request, "volunteering/scan_result.html", context, status=400)
        return render(
            request,
            "volunteering/scan_result.html",
            {"activity": activity, "attendance": attendance, "purpose": purpose},
        )
    return render(
        request,
        "volunteering/scan_confirm.html",
        {"activity": activity, "purpose": purpose, "is_check_in": purpose == CodePurpose.CHECK_IN},
    )


@login_required
def my_record(request):
    """My volunteer record and the certificate request form."""
    person = person_of(request.user)
    if person is None:
        return render(request, "volunteering/my_record.html", {"person": None})
    today = timezone.localdate()
    form = CertificateRequestForm(
        request.POST or None,
        initial={"period_start": date(today.year, 1, 1), "period_end": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            certificate = certificate_issue(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            return redirect("volunteering:certificate_pdf", certificate.pk)
    return render(
        request,
        "volunteering/my_record.html",
        {"person": person, "record": selectors.volunteer_record(person), "form": form},
    )


@login_required
def certificate_pdf(request, pk: int):
    """A certificate as issued, regenerated from its snapshot (the owner or records staff)."""
    certificate = get_for(request.user, Certificate, pk=pk)
    response = HttpResponse(
        render_certificate(certificate.snapshot), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.number}.pdf"'
    return response
