"""Community staff: good-deed approvals, the community's ledger, reversals and adjustments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.org.models import Person
from gongzhi.points.choices import GoodDeedState
from gongzhi.points.errors import PointsError
from gongzhi.points.forms import AdjustForm, ReasonForm, StaffGoodDeedForm
from gongzhi.points.models import GoodDeed, Transaction
from gongzhi.points.permissions import MANAGE
from gongzhi.points.services import (
    good_deed_approve,
    good_deed_propose,
    good_deed_reject,
    points_adjust,
    points_reverse,
)
from gongzhi.points.services.awards import REVERSIBLE
from gongzhi.points.views.common import managed_community


def _people(user, community):
    return (
        Person.objects.visible_to(user, MANAGE)
        .filter(node__path__startswith=community.path)
        .select_related("node")
    )


def _error_text(exc) -> str:
    return str(getattr(exc, "message", None) or "; ".join(exc.messages))


@login_required
def good_deeds(request, code):
    community = managed_community(request.user, code)
    form = StaffGoodDeedForm(request.POST or None, people=_people(request.user, community))
    if request.method == "POST" and form.is_valid():
        try:
            good_deed_propose(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The good deed is recorded; approve it to award points."))
            return redirect("points:good_deeds", code=code)
    deeds = GoodDeed.objects.filter(person__node__path__startswith=community.path).select_related(
        "person", "person__node", "proposed_by", "transaction"
    )
    return render(
        request,
        "points/good_deeds.html",
        {
            "community": community,
            "form": form,
            "pending": deeds.filter(state=GoodDeedState.PROPOSED),
            "decided": deeds.exclude(state=GoodDeedState.PROPOSED)[:30],
        },
    )


@login_required
@require_POST
def good_deed_decide(request, code, pk, decision):
    community = managed_community(request.user, code)
    if decision not in {"approve", "reject"}:
        raise Http404
    deed = get_object_or_404(
        GoodDeed.objects.select_related("person__node"),
        pk=pk,
        person__node__path__startswith=community.path,
    )
    form = ReasonForm(request.POST)
    note = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if decision == "approve":
            txn = good_deed_approve(deed=deed, actor=request.user, note=note)
            if txn is None:
                messages.warning(request, _("Approved; the rule or the caps gave no points."))
            else:
                messages.success(request, _("Approved; the points are awarded."))
        else:
            good_deed_reject(deed=deed, actor=request.user, note=note)
            messages.success(request, _("The good deed is not approved."))
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("points:good_deeds", code=code)


@login_required
def ledger(request, code):
    community = managed_community(request.user, code)
    form = AdjustForm(request.POST or None, people=_people(request.user, community))
    if request.method == "POST" and form.is_valid():
        try:
            points_adjust(actor=request.user, **form.cleaned_data)
        except (ValidationError, PointsError) as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, _("The adjustment is booked."))
            return redirect("points:ledger", code=code)
    transactions = (
        Transaction.objects.filter(community=community)
        .select_related("created_by", "reversal")
        .prefetch_related("entries__account__person")
        .order_by("-created_at", "-id")[:100]
    )
    return render(
        request,
        "points/ledger.html",
        {
            "community": community,
            "form": form,
            "transactions": transactions,
            "reversible": {kind.value for kind in REVERSIBLE},
        },
    )


@login_required
@require_POST
def reverse_view(request, code, pk):
    community = managed_community(request.user, code)
    txn = get_object_or_404(Transaction, pk=pk, community=community)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        points_reverse(transaction=txn, reason=reason, actor=request.user)
    except (ValidationError, PointsError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The transaction is reversed."))
    return redirect("points:ledger", code=code)
