"""The staff and handler queues with filters, and bulk dispatch from them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from gongzhi.cases import permissions as perms
from gongzhi.cases.forms.queues import BulkDispatchForm, CaseFilterForm
from gongzhi.cases.models import Case
from gongzhi.cases.selectors import (
    case_queue,
    filter_by_sla,
    parties_for_dispatcher,
    queues_for,
    sla_statuses,
)
from gongzhi.cases.selectors.cases import LIST_RELATED
from gongzhi.cases.services import case_dispatch_many
from gongzhi.cases.views.common import QUEUE_LABELS, holds_anywhere

PAGE_SIZE = 50


def _filtered_queue(user, queue, form, now):
    data = form.cleaned_data if form.is_valid() else {}
    since, until = form.period()
    qs = case_queue(
        user,
        queue,
        now=now,
        category=data.get("category"),
        state=data.get("state") or None,
        node=data.get("node"),
        search=data.get("q", ""),
        since=since,
        until=until,
    )
    if data.get("sla"):
        qs = filter_by_sla(qs, data["sla"], now=now)
    return qs


@login_required
def queue(request):
    """One queue (``?queue=``) of the ones the user's roles open, filtered and paginated."""
    user = request.user
    queues = queues_for(user)
    if not queues:
        return redirect("report:mine")
    name = request.GET.get("queue") or queues[0]
    if name not in queues:
        name = queues[0]
    now = timezone.now()
    form = CaseFilterForm(request.GET or None)
    page = Paginator(_filtered_queue(user, name, form, now), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    cases = list(page.object_list)
    statuses = sla_statuses(cases, now=now)
    for case in cases:
        case.sla = statuses[case.pk]
    can_dispatch = holds_anywhere(user, perms.DISPATCH)
    filters = {k: v for k, v in request.GET.items() if k not in ("page", "queue") and v}
    return render(
        request,
        "cases/queue.html",
        {
            "queue": name,
            "queue_label": QUEUE_LABELS[name],
            "tabs": [(q, QUEUE_LABELS[q]) for q in queues],
            "form": form,
            "page": page,
            "cases": cases,
            "filter_query": urlencode(filters),
            "page_query": urlencode({**filters, "queue": name}) + "&",
            "can_dispatch": can_dispatch,
            "parties": parties_for_dispatcher(user) if can_dispatch and cases else [],
            "can_enter": holds_anywhere(user, perms.REPORT_FOR_OTHERS),
            "can_import": holds_anywhere(user, perms.IMPORT),
            "can_map": holds_anywhere(user, perms.VIEW),
        },
    )


def _safe_back(request) -> str:
    back = request.POST.get("back", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("cases:queue")


@login_required
@require_POST
def bulk_dispatch(request):
    """Dispatch the ticked cases, each through the dispatch service; show what happened."""
    user = request.user
    if not holds_anywhere(user, perms.DISPATCH):
        raise PermissionDenied(perms.DISPATCH)
    parties = parties_for_dispatcher(user)
    form = BulkDispatchForm(request.POST, parties=parties)
    references = form.references()
    if not form.is_valid() or not references:
        return render(
            request,
            "cases/bulk_result.html",
            {"form": form, "outcomes": [], "nothing_chosen": not references},
            status=400,
        )
    found = {
        c.reference: c
        for c in Case.objects.visible_to(user)
        .select_related(*LIST_RELATED)
        .filter(reference__in=references)
    }
    cases = [found[r] for r in references if r in found]
    outcomes = case_dispatch_many(
        cases=cases, actor=user, party=form.cleaned_data["party"], note=form.cleaned_data["note"]
    )
    missing = [r for r in references if r not in found]
    return render(
        request,
        "cases/bulk_result.html",
        {
            "form": form,
            "outcomes": outcomes,
            "missing": missing,
            "back": _safe_back(request),
        },
    )
