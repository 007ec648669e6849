"""Assistance files for the caseworker and the charity officer. Sensitive fields are shown
only on request, only to those two, and each showing is written to the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.charity import selectors, services
from gongzhi.charity.forms import VisitForm
from gongzhi.charity.models import AssistanceFile
from gongzhi.charity.permissions import can_see_sensitive
from gongzhi.charity.views.common import add_form_errors
from gongzhi.org.access import get_for


def _file(request, pk):
    return get_for(
        request.user,
        AssistanceFile.objects.select_related("node", "caseworker", "organisation", "party_member"),
        pk=pk,
    )


@login_required
def file_list(request):
    files = selectors.files_for(request.user).order_by("node__path", "-opened_on")[:200]
    return render(request, "charity/file_list.html", {"files": files})


@login_required
def file_detail(request, pk: int):
    file = _file(request, pk)
    may_see = can_see_sensitive(request.user, file)
    sensitive = None
    if may_see and request.GET.get("show") == "sensitive":
        sensitive = selectors.sensitive_details(request.user, file)
    form = VisitForm()
    if request.method == "POST":
        form = VisitForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.assistance_visit_add(file=file, actor=request.user, **form.cleaned_data)
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Added to the timeline."))
                return redirect("charity:file_detail", file.pk)
    return render(
        request,
        "charity/file_detail.html",
        {
            "file": file,
            "categories": selectors.category_labels(file.categories),
            "visits": file.visits.select_related("recorded_by"),
            "may_see_sensitive": may_see,
            "sensitive": sensitive,
            "form": form,
        },
    )


@login_required
def visit_photo(request, pk: int, visit_pk: int):
    file = _file(request, pk)
    visit = file.visits.filter(pk=visit_pk).exclude(photo="").first()
    if visit is None:
        raise Http404
    return FileResponse(visit.photo.open("rb"))


@login_required
@require_POST
def consent(request, pk: int):
    file = _file(request, pk)
    from datetime import date

    try:
        raw = request.POST.get("consent_on") or ""
        consent_on = date.fromisoformat(raw) if raw else None
    except ValueError:
        messages.error(request, _("Enter the date of consent as YYYY-MM-DD."))
        return redirect("charity:file_detail", file.pk)
    try:
        services.assistance_consent_record(
            file=file,
            consent_scope=request.POST.get("consent_scope", ""),
            consent_on=consent_on,
            consent_by=request.POST.get("consent_by", ""),
            actor=request.user,
        )
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("charity:file_detail", file.pk)
