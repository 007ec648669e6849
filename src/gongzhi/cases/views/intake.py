"""Reporting a problem: the resident's form, staff entry for a caller, a grid worker's finding.

One view function serves the three; they differ in their form (channel, contact fields, camera)
and in who may open them. A form carries an idempotency key made when it is rendered, so a
double submit or a retry after a lost answer creates one case.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.forms.fields import new_idempotency_key
from gongzhi.cases.forms.intake import FindingForm, ReportForm, StaffReportForm
from gongzhi.cases.models import Case
from gongzhi.cases.selectors import category_choices
from gongzhi.cases.services import case_report
from gongzhi.cases.views.common import put_errors_on_form, require_anywhere
from gongzhi.cases.views.lookup import mark_open, question_rows
from gongzhi.core.ratelimit import limited_by_ip_and_account, too_many_requests


def _map_config() -> dict:
    return {
        "tileUrl": settings.GONGZHI_MAP_TILE_URL,
        "tileAttribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION,
        "gridsUrl": reverse("report:grids"),
        "labels": {
            "located": _("Place chosen"),
            "locating": _("Finding your location…"),
            "denied": _(
                "Your location could not be read. Allow it in the browser, or tap the map."
            ),
            "unsupported": _("This browser cannot share its location: tap the map instead."),
        },
    }


def _intake(request, form_class, *, template_title, mode):
    user = request.user
    question_errors: dict[str, list] = {}
    # The public form takes up to 9 photos: limited per address and per account.
    if (
        request.method == "POST"
        and mode == "resident"
        and limited_by_ip_and_account(request, "report_form")
    ):
        return too_many_requests(request)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, user=user)
        if form.is_valid():
            try:
                case = case_report(actor=user, **form.service_kwargs())
            except ValidationError as exc:
                put_errors_on_form(form, exc, extra=question_errors)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You may not enter cases here."))
            else:
                return _after_report(request, case, mode)
        if request.FILES.getlist("photos"):
            form.add_error(
                "photos",
                _(
                    "Nothing was saved yet. For your safety the photos are not kept when the "
                    "form has a problem: please choose them again."
                ),
            )
        status = 400
    else:
        form = form_class(user=user, initial={"idempotency_key": new_idempotency_key()})
        status = 200
    chosen = form.data.get("category", "") if form.is_bound else ""
    return render(
        request,
        "cases/report_form.html",
        {
            "form": form,
            "mode": mode,
            "title": template_title,
            "groups": mark_open(category_choices(keep=chosen), chosen, False),
            "chosen": chosen,
            "questions": question_rows(
                form.leaf if form.is_bound else None,
                form.data if form.is_bound else None,
                question_errors,
            ),
            "leaf": form.leaf if form.is_bound else None,
            "map_config": _map_config(),
        },
        status=status,
    )


def _after_report(request, case, mode):
    if mode == "resident":
        return redirect("report:done", reference=case.reference)
    if case.is_replay:
        messages.info(request, _("This report was already entered as %(ref)s.") % {"ref": case})
    else:
        messages.success(request, _("Case %(ref)s entered.") % {"ref": case.reference})
    return redirect(case.get_absolute_url())


def report_new(request):
    """The resident's report form (signed in or not)."""
    return _intake(request, ReportForm, template_title=_("Report a problem"), mode="resident")


@login_required
def staff_new(request):
    """Staff enter a case for a caller or a walk-in."""
    require_anywhere(request.user, perms.REPORT_FOR_OTHERS)
    return _intake(
        request, StaffReportForm, template_title=_("Enter a case for a caller"), mode="staff"
    )


@login_required
def finding_new(request):
    """A grid worker reports what they found on their round (made for the phone's camera)."""
    require_anywhere(request.user, perms.REPORT_FOR_OTHERS)
    return _intake(request, FindingForm, template_title=_("Report a finding"), mode="finding")


def report_done(request, reference):
    """The thank-you page after a report: its reference and where to follow it."""
    case = (
        Case.objects.filter(reference=str(reference)[:32])
        .only("reference", "is_public", "reporter_user", "state")
        .first()
    )
    if case is None:
        raise Http404
    is_mine = request.user.is_authenticated and case.reporter_user_id == request.user.pk
    return render(
        request,
        "cases/report_done.html",
        {"case": case, "is_mine": is_mine, "can_follow": is_mine or case.is_public},
    )
