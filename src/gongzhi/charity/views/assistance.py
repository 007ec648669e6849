"""Assistance files for the caseworker and the charity officer. Sensitive fields are shown
only on request, only to those two, and each showing is written to the audit log."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.charity import selectors, services
from gongzhi.charity.choices import SENSITIVE_FIELDS
from gongzhi.charity.forms import AssistanceFileForm, SensitiveDetailsForm, VisitForm
from gongzhi.charity.models import AssistanceFile
from gongzhi.charity.permissions import MANAGE_ASSISTANCE, can_see_sensitive
from gongzhi.charity.views.common import add_form_errors
from gongzhi.charity.views.staff import communities_for
from gongzhi.org.access import get_for
from gongzhi.org.names import display_name


def _file(request, pk):
    return get_for(
        request.user,
        AssistanceFile.objects.select_related("node", "caseworker", "organisation", "party_member"),
        pk=pk,
    )


@login_required
def file_list(request):
    files = selectors.files_for(request.user).order_by("node__path", "-opened_on")[:200]
    may_open = bool(communities_for(request.user, MANAGE_ASSISTANCE))
    return render(request, "charity/file_list.html", {"files": files, "may_open": may_open})


@login_required
def file_new(request):
    """Open a file in a community where the user may manage assistance, with its caseworker
    (someone who may work files there), consent and sensitive details."""
    communities = communities_for(request.user, MANAGE_ASSISTANCE)
    if not communities:
        raise PermissionDenied
    everyone = {u.pk: u for u in selectors.caseworkers_for(communities)}
    choices = [(pk, display_name(u)) for pk, u in everyone.items()]
    initial = {"opened_on": timezone.localdate(), "consent_scope": "none"}
    if request.user.pk in everyone:
        initial["caseworker"] = request.user.pk
    form = AssistanceFileForm(
        request.POST or None, communities=communities, caseworkers=choices, initial=initial
    )
    sensitive = SensitiveDetailsForm(request.POST or None, prefix="s")
    if request.method == "POST" and form.is_valid() and sensitive.is_valid():
        data = form.cleaned_data
        try:
            # The service refuses a caseworker who may not work files in that community.
            file = services.assistance_file_open(
                node=next(c for c in communities if c.pk == data["node"]),
                subject_name=data["subject_name"],
                pseudonym=data["pseudonym"],
                categories=data["categories"],
                reason=data["reason"],
                plan=data["plan"],
                caseworker=everyone.get(data["caseworker"]),
                opened_on=data["opened_on"],
                consent_scope=data["consent_scope"],
                consent_on=data["consent_on"],
                consent_by=data["consent_by"],
                sensitive={k: v for k, v in sensitive.cleaned_data.items() if v},
                actor=request.user,
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            _form_errors(form, sensitive, exc)
        else:
            messages.success(request, _("Assistance file opened."))
            return redirect("charity:file_detail", file.pk)
    return render(request, "charity/file_form.html", {"form": form, "sensitive_form": sensitive})


def _form_errors(form, sensitive, exc: ValidationError) -> None:
    """Put the service's errors on the form that holds the field."""
    if not hasattr(exc, "error_dict"):
        add_form_errors(form, exc)
        return
    for field, errors in exc.message_dict.items():
        target = sensitive if field in SENSITIVE_FIELDS else form
        for message in errors:
            target.add_error(field if field in target.fields else None, message)


@login_required
def sensitive_edit(request, pk: int):
    """Change the sensitive details: for the caseworker and the charity officer only. The form
    is filled through the audited read, so opening it is recorded like showing them."""
    file = _file(request, pk)
    if not can_see_sensitive(request.user, file):
        raise Http404
    if request.method == "POST":
        form = SensitiveDetailsForm(request.POST)
        if form.is_valid():
            try:
                services.assistance_sensitive_update(
                    file=file, actor=request.user, **form.cleaned_data
                )
            except PermissionDenied as exc:
                raise Http404 from exc
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Sensitive details saved."))
                return redirect("charity:file_detail", file.pk)
    else:
        details = selectors.sensitive_details(request.user, file, purpose="edit")
        form = SensitiveDetailsForm(initial={f: getattr(details, f) for f in SENSITIVE_FIELDS})
    return render(request, "charity/sensitive_form.html", {"file": file, "form": form})


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
