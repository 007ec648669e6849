"""The store clerk's phone page: check a code, see the order, hand the goods over."""

from __future__ import annotations

import contextlib

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongzhi.points.errors import PointsError
from gongzhi.points.forms import CodeForm
from gongzhi.points.permissions import REDEEM
from gongzhi.points.services import order_for_code, order_hand_over
from gongzhi.points.views.common import communities_for


@login_required
def clerk(request):
    """GET ?code= looks the code up; POST hands the goods over. htmx swaps only the result."""
    if not communities_for(request.user, REDEEM).exists():
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    form = CodeForm(data if "code" in data else None)
    context = {"form": form, "order": None, "error": None, "done": False}
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if request.method == "POST":
                context["order"] = order_hand_over(code=code, clerk=request.user)
                context["done"] = True
            else:
                context["order"] = order_for_code(code=code, clerk=request.user)
        except PointsError as exc:
            context["error"] = exc.message
            if request.method == "POST":
                with contextlib.suppress(PointsError):
                    context["order"] = order_for_code(code=code, clerk=request.user)
    elif form.is_bound:
        context["error"] = _("Enter the code the resident shows you.")
    template = "points/_clerk_result.html" if request.htmx else "points/clerk.html"
    return render(request, template, context)
