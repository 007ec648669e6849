"""Community staff: the overview, the rules and the expiry policy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.points.choices import GoodDeedState, Reason
from gongzhi.points.forms import PolicyForm, RuleForm
from gongzhi.points.models import GoodDeed, Order, PointsPolicy, PointsRule
from gongzhi.points.selectors import goods_for_community
from gongzhi.points.services import policy_set, rule_set
from gongzhi.points.views.common import communities_for, managed_community


@login_required
def manage_index(request):
    communities = list(communities_for(request.user))
    if not communities:
        raise Http404
    if len(communities) == 1:
        return redirect("points:manage", code=communities[0].code)
    return render(request, "points/manage_index.html", {"communities": communities})


@login_required
def manage(request, code):
    community = managed_community(request.user, code)
    rules = {rule.reason: rule for rule in PointsRule.objects.filter(community=community)}
    policy = PointsPolicy.objects.filter(community=community).first()
    context = {
        "community": community,
        "rules": [(reason, rules.get(reason.value)) for reason in Reason],
        "policy_form": PolicyForm(initial={"expire_yearly": bool(policy and policy.expire_yearly)}),
        "goods_list": goods_for_community(community, active_only=False),
        "pending_deeds": GoodDeed.objects.filter(
            person__node__path__startswith=community.path, state=GoodDeedState.PROPOSED
        ).count(),
        "orders": Order.objects.filter(goods__community=community)
        .select_related("goods", "person")
        .order_by("-placed_at", "-id")[:20],
    }
    return render(request, "points/manage.html", context)


@login_required
def rule_edit(request, code, reason):
    community = managed_community(request.user, code)
    if reason not in Reason.values:
        raise Http404
    rule = PointsRule.objects.filter(community=community, reason=reason).first()
    form = RuleForm(request.POST or None, instance=rule or PointsRule(points_per_unit=0))
    if request.method == "POST" and form.is_valid():
        try:
            rule_set(community=community, reason=reason, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The rule is saved."))
            return redirect("points:manage", code=code)
    return render(
        request,
        "points/rule_form.html",
        {"community": community, "reason": Reason(reason), "form": form},
    )


@login_required
@require_POST
def policy_edit(request, code):
    community = managed_community(request.user, code)
    form = PolicyForm(request.POST)
    if form.is_valid():
        policy_set(
            community=community,
            expire_yearly=form.cleaned_data["expire_yearly"],
            actor=request.user,
        )
        messages.success(request, _("The policy is saved."))
    return redirect("points:manage", code=code)
