"""The resident's side: my reports with their timelines, a case's public page (masked), the
rating form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.cases.choices import State, UnsatisfiedAction
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.forms.actions import RatingForm
from gongzhi.cases.selectors import (
    my_reports_with_timeline,
    public_case_data,
    public_case_for,
)
from gongzhi.cases.services import case_rate
from gongzhi.cases.views.common import put_errors_on_form, works_on

MY_REPORTS_MAX = 100


def _rating_due(case) -> bool:
    """Closed, and the latest closing not rated yet (ratings prefetched)."""
    return case.state == State.CLOSED and all(
        r.closing_seq != case.close_count for r in case.ratings.all()
    )


@login_required
def my_reports(request):
    """The user's own reports, newest first, each with its public timeline."""
    cases = list(my_reports_with_timeline(request.user)[:MY_REPORTS_MAX])
    for case in cases:
        case.rating_due = _rating_due(case)
    return render(request, "cases/my_reports.html", {"cases": cases})


def _page(request, case, *, form=None, status=200):
    user = request.user
    is_mine = user.is_authenticated and case.reporter_user_id == user.pk
    due = is_mine and _rating_due(case)
    return render(
        request,
        "cases/public_case.html",
        {
            "case": case,
            "data": public_case_data(case),
            "is_mine": is_mine,
            "photos": list(case.photos.all()) if is_mine else [],
            "rating_form": (form or RatingForm()) if due else None,
            "works_on": user.is_authenticated and works_on(user, case),
        },
        status=status,
    )


def public_case(request, reference):
    """A case as the public sees it (masked; public cases only), or as its reporter sees it."""
    return _page(request, public_case_for(request.user, reference))


@login_required
@require_POST
def rate(request, reference):
    """The reporter answers: contacted? solved? satisfied?"""
    case = public_case_for(request.user, reference)
    if case.reporter_user_id != request.user.pk:
        raise PermissionDenied(_("Only the reporter rates a case here."))
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _page(request, case, form=form, status=400)
    try:
        rating = case_rate(case=case, by=request.user, **form.cleaned_data)
    except CaseConflict as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        put_errors_on_form(form, exc)
        return _page(request, case, form=form, status=400)
    else:
        messages.success(request, _("Thank you for telling us how it went."))
        if rating.outcome == UnsatisfiedAction.REOPEN:
            messages.info(request, _("We are sorry it is not right yet: the case was reopened."))
        elif rating.outcome == UnsatisfiedAction.LINKED:
            messages.info(request, _("We are sorry it is not right yet: a new case follows it up."))
    return redirect("report:case", reference=case.reference)
