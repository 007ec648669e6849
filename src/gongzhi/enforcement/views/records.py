"""Records: the officer's list with overdue highlighting, and a record's page with the steps
this user may take, its documents, photos, revisits and timeline."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongzhi.cases.models import Case
from gongzhi.enforcement import forms, services
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.choices import Action, DocumentKind, FoundBy, RecordState
from gongzhi.enforcement.documents.wording import TITLES
from gongzhi.enforcement.models import StructurePhoto
from gongzhi.enforcement.selectors import records as selectors
from gongzhi.enforcement.services.common import is_allowed
from gongzhi.enforcement.views.common import place_choices, places_for, run_service
from gongzhi.org.access import get_for
from gongzhi.org.models import Node

PAGE_SIZE = 30


@login_required
@require_GET
def record_list(request):
    """Records the user may see, most urgent first, with their deadline colour."""
    state = request.GET.get("state", selectors.ACTIVE)
    if state not in {selectors.ACTIVE, "", *RecordState.values}:
        state = selectors.ACTIVE
    code = request.GET.get("place", "")
    node = Node.objects.filter(code=code).first() if code else None
    overdue = request.GET.get("overdue") == "1"
    queryset = selectors.records_for(request.user, node=node, state=state, overdue_only=overdue)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    records = selectors.StatusClock().annotate(page.object_list)
    context = {
        "page": page,
        "records": records,
        "state": state,
        "states": RecordState.choices,
        "place": code,
        "places": place_choices(places_for(request.user)),
        "overdue": overdue,
        "can_report": bool(places_for(request.user, perms.REPORT)),
    }
    return render(request, "enforcement/record_list.html", context)


@login_required
@require_GET
def record_for_case(request):
    """The small form on the list: a case reference → that case's record (or a new one)."""
    reference = request.GET.get("case", "").strip()[:32]
    if not reference:
        return redirect("enforcement:record_list")
    return redirect("enforcement:record_from_case", reference=reference)


def _issue_form(record, kind, data=None):
    initial = {"facts": record.facts or record.description}
    if kind == DocumentKind.DEMOLITION_ORDER:
        initial["self_demolition_deadline"] = timezone.localdate() + dt.timedelta(
            days=record.authority.default_self_demolition_days
        )
    return forms.IssueForm(data, initial=initial, prefix=kind)


def _page(request, record, *, bound=None, status=200):
    """The record page; ``bound`` replaces one of the action forms with the submitted one."""
    user = request.user
    allowed = selectors.allowed_actions(user, record)
    kinds = selectors.issuable_kinds(user, record)
    documents = list(record.documents.all())
    unserved = [d for d in documents if d.withdrawn_at is None and not d.is_served]
    service_forms = {
        d.pk: forms.ServiceForm(prefix=f"service-{d.pk}", initial={"recipient": record.party_name})
        for d in unserved
        if is_allowed(user, perms.SERVE, record.node)
    }
    action_forms = {
        "investigate": forms.InvestigateForm(
            prefix="investigate",
            initial={
                "facts": record.facts or record.description,
                "area_found": record.area_found,
                "party_name": record.party_name,
                "party_address": record.party_address,
                "party_phone": record.party_phone,
            },
        )
        if Action.INVESTIGATE in allowed
        else None,
        "dismiss": forms.DismissForm(prefix="dismiss") if Action.DISMISS in allowed else None,
        "demolish": forms.DemolitionForm(
            prefix="demolish",
            initial={
                "area_removed": record.area_found,
                "method": "forced" if Action.FORCE_DEMOLISH in allowed else "self",
            },
        )
        if allowed & {Action.SELF_DEMOLISH, Action.FORCE_DEMOLISH}
        else None,
    }
    issue_forms = {kind: _issue_form(record, kind) for kind in kinds}
    if bound is not None:
        key, form = bound
        if key in action_forms:
            action_forms[key] = form
        elif key in issue_forms:
            issue_forms[key] = form
        elif isinstance(key, int):
            service_forms[key] = form
    context = {
        "record": record,
        "sla": selectors.StatusClock().status(record),
        "documents": documents,
        "service_forms": service_forms,
        "forms": action_forms,
        "issue_forms": [(kind, TITLES[kind], form) for kind, form in issue_forms.items()],
        "photos": list(record.photos.all()),
        "case_photos": list(record.case.photos.all()) if record.case_id else [],
        "revisits": list(record.revisits.all()),
        "timeline": selectors.timeline(record),
        "can_revisit": is_allowed(user, perms.REVISIT, record.node),
        "self_demolition_allowed": Action.SELF_DEMOLISH in allowed,
        "forced_demolition_allowed": Action.FORCE_DEMOLISH in allowed,
    }
    return render(request, "enforcement/record_detail.html", context, status=status)


@login_required
@require_GET
def record_detail(request, pk):
    return _page(request, selectors.record_detail(request.user, pk))


def _post(request, pk, key, form, call):
    """Run one step from the record page: back to the page, or the page with the errors."""
    record = selectors.record_detail(request.user, pk)
    if form.is_valid():
        done = run_service(request, form, lambda: call(record, form.cleaned_data))
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("enforcement:record_detail", pk=record.pk)
    return _page(request, record, bound=(key, form), status=400)


@login_required
@require_POST
def record_investigate(request, pk):
    form = forms.InvestigateForm(request.POST, prefix="investigate")
    return _post(
        request,
        pk,
        "investigate",
        form,
        lambda record, data: services.structure_investigate(
            record=record,
            actor=request.user,
            facts=data["facts"],
            area_found=data["area_found"],
            party_name=data["party_name"],
            party_address=data["party_address"],
            party_phone=data["party_phone"],
            structure_type=data["structure_type"] or None,
        ),
    )


@login_required
@require_POST
def record_dismiss(request, pk):
    form = forms.DismissForm(request.POST, prefix="dismiss")
    return _post(
        request,
        pk,
        "dismiss",
        form,
        lambda record, data: services.structure_dismiss(
            record=record, actor=request.user, reason=data["reason"]
        ),
    )


@login_required
@require_POST
def record_demolish(request, pk):
    form = forms.DemolitionForm(request.POST, request.FILES, prefix="demolish")
    return _post(
        request,
        pk,
        "demolish",
        form,
        lambda record, data: services.structure_record_demolition(
            record=record,
            actor=request.user,
            method=data["method"],
            area_removed=data["area_removed"],
            demolished_on=data["demolished_on"],
            photos_after=data["photos_after"],
            photos_before=data["photos_before"],
            note=data["note"],
        ),
    )


@login_required
@require_POST
def record_issue(request, pk, kind):
    if kind not in DocumentKind.values:
        raise Http404
    record = selectors.record_detail(request.user, pk)
    form = _issue_form(record, kind, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        document = run_service(
            request,
            form,
            lambda: services.document_issue(
                record=record,
                kind=kind,
                actor=request.user,
                issued_on=data["issued_on"],
                facts=data["facts"],
                self_demolition_deadline=data["self_demolition_deadline"],
            ),
        )
        if document is not None:
            messages.success(
                request,
                _("%(title)s %(number)s issued: download it, serve it, then record the service.")
                % {"title": TITLES[kind], "number": document.number},
            )
            return redirect("enforcement:record_detail", pk=record.pk)
    return _page(request, record, bound=(kind, form), status=400)


@login_required
@require_POST
def document_service(request, pk, document_pk):
    record = selectors.record_detail(request.user, pk)
    document = get_object_or_404(record.documents.all(), pk=document_pk)
    form = forms.ServiceForm(request.POST, request.FILES, prefix=f"service-{document.pk}")
    if form.is_valid():
        data = form.cleaned_data
        done = run_service(
            request,
            form,
            lambda: services.document_record_service(
                document=document,
                actor=request.user,
                served_on=data["served_on"],
                method=data["method"],
                recipient=data["recipient"],
                receipt_photo=data["receipt_photo"],
                note=data["note"],
            ),
        )
        if done is not None:
            messages.success(request, _("Service recorded."))
            return redirect("enforcement:record_detail", pk=record.pk)
    return _page(request, record, bound=(document.pk, form), status=400)


@login_required
@require_GET
def document_pdf(request, pk):
    """The document as issued (the stored PDF, never regenerated)."""
    from gongzhi.enforcement.models import EnforcementDocument

    document = get_for(request.user, EnforcementDocument, pk=pk)
    response = FileResponse(
        document.pdf.open("rb"),
        as_attachment=True,
        filename=f"{document.number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def receipt_photo(request, pk):
    from gongzhi.enforcement.models import ServiceRecord

    service = get_for(request.user, ServiceRecord, pk=pk)
    if not service.receipt_photo:
        raise Http404
    return _image(service.receipt_photo)


@login_required
@require_GET
def photo(request, pk, size="full"):
    item = get_for(request.user, StructurePhoto, pk=pk)
    return _image(item.thumbnail if size == "thumb" else item.image)


def _image(field):
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def record_from_case(request, reference):
    """Open a record for a case reported by a resident (or anyone), at the case's place.

    A case that has its record already leads to it (for anyone who may see the record); a new
    record needs ``enforcement.report`` at the case's place. Anything else answers 404.
    """
    existing = (
        selectors.IllegalStructure.objects.visible_to(request.user)
        .filter(case__reference=reference)
        .first()
    )
    if existing is not None:
        return redirect("enforcement:record_detail", pk=existing.pk)
    case = Case.objects.select_related("node").filter(reference=reference).first()
    if case is None or not is_allowed(request.user, perms.REPORT, case.node):
        raise Http404
    if hasattr(case, "illegal_structure"):
        raise Http404  # it has a record this user may not see
    form = forms.StructureForm(request.POST or None, initial={"address": case.address})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record = run_service(
            request,
            form,
            lambda: services.structure_open(
                actor=request.user,
                case=case,
                found_by=FoundBy.PATROL if case.channel == "patrol" else FoundBy.RESIDENT,
                structure_type=data["structure_type"],
                area_found=data["area_found"],
                address=data["address"],
                party_name=data["party_name"],
                found_at=case.reported_at,
            ),
        )
        if record is not None:
            return redirect("enforcement:record_detail", pk=record.pk)
    return render(
        request,
        "enforcement/record_from_case.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def case_photo(request, pk, photo_pk):
    """A photo taken when the structure was reported, shown to those who may see the record."""
    record = get_for(request.user, selectors.IllegalStructure, pk=pk)
    if record.case_id is None:
        raise Http404
    item = get_object_or_404(record.case.photos.all(), pk=photo_pk)
    return _image(item.thumbnail)
