"""The demand queue for staff: triage, answers, turning a demand into a task or a case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongzhi.org.access import get_for
from gongzhi.participation import selectors, services
from gongzhi.participation.choices import DEMAND_OPEN, DemandState
from gongzhi.participation.models import Demand
from gongzhi.participation.permissions import MANAGE, VIEW, may
from gongzhi.participation.views.desk import (
    category_from,
    int_from,
    leaf_categories,
    parties_for,
    party_from,
    require_any,
    run_action,
)


@login_required
@require_GET
def staff_demands(request):
    require_any(request.user, VIEW)
    state = request.GET.get("state") or "open"
    if state not in ("open", *DemandState.values):
        state = "open"
    page = Paginator(selectors.staff_demands(request.user, state=state), 40).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/staff/demands.html",
        {"page": page, "state": state, "states": DemandState.choices},
    )


@login_required
@require_GET
def demand_manage(request, pk):
    demand = get_for(request.user, Demand.objects.select_related("node", "raised_by_person"), pk=pk)
    return render(
        request,
        "participation/staff/demand_manage.html",
        {
            "demand": demand,
            "manage": may(request.user, MANAGE, demand.node),
            "progress": may(request.user, "participation.progress", demand.node),
            "parties": parties_for(demand.node),
            "categories": leaf_categories(),
            "open_demands": Demand.objects.filter(
                state__in=DEMAND_OPEN, node__path__startswith=demand.node.path[:12]
            ).exclude(pk=demand.pk)[:100],
            "photos": list(demand.photos.all()),
        },
    )


def _demand_action(request, demand, action):
    user, post = request.user, request.POST
    if action == "accept":
        return services.demand_accept(
            demand=demand,
            actor=user,
            note=post.get("note", ""),
            owner_party=party_from(request),
            owner_name=post.get("owner_name", ""),
            due_days=post.get("due_days", ""),
        ), _("Accepted into the task list.")
    if action == "case":
        return services.demand_answer_as_case(
            demand=demand, category=category_from(request), actor=user, note=post.get("note", "")
        ), _("Answered as a case.")
    if action == "merge":
        into = Demand.objects.filter(pk=int_from(post.get("into"))).first()
        return services.demand_merge(
            demand=demand, into=into, actor=user, note=post.get("note", "")
        ), _("Merged.")
    if action == "decline":
        return services.demand_decline(demand=demand, reason=post.get("reason", ""), actor=user), _(
            "Declined."
        )
    if action == "progress":
        return services.demand_progress(
            demand=demand,
            percent_done=post.get("percent", ""),
            note=post.get("note", ""),
            photos=request.FILES.getlist("photos"),
            actor=user,
        ), _("Progress recorded.")
    if action == "complete":
        return services.demand_complete(
            demand=demand,
            note=post.get("note", ""),
            photos=request.FILES.getlist("photos"),
            actor=user,
        ), _("The demand is done.")
    raise Http404


@login_required
@require_POST
def demand_act(request, pk, action):
    demand = get_for(request.user, Demand, pk=pk)
    run_action(request, lambda: _demand_action(request, demand, action))
    return redirect("participation:demand_manage", pk=demand.pk)


@login_required
@require_GET
def demand_staff_photo(request, pk, size):
    from gongzhi.participation.models import DemandPhoto
    from gongzhi.participation.views.common import serve_file

    photo = DemandPhoto.objects.filter(pk=pk).select_related("demand__node").first()
    if photo is None or size not in ("full", "thumb"):
        raise Http404
    get_for(request.user, Demand, pk=photo.demand_id)
    return serve_file(photo.image if size == "full" else photo.thumbnail, private=True)
