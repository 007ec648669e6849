"""Community staff: goods on the shelves, donations coming in, write-offs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.points.errors import PointsError
from gongzhi.points.forms import DonationForm, GoodsForm, WriteOffForm, donors_for
from gongzhi.points.models import Goods
from gongzhi.points.services import goods_create, goods_update, stock_donate, stock_write_off
from gongzhi.points.views.common import managed_community


@login_required
def goods_new(request, code):
    community = managed_community(request.user, code)
    form = GoodsForm(request.POST or None, request.FILES or None, community=community)
    if request.method == "POST" and form.is_valid():
        try:
            goods = goods_create(community=community, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The item is on the shelves. Record its stock next."))
            return redirect("points:goods_stock", code=code, pk=goods.pk)
    return render(request, "points/goods_form.html", {"community": community, "form": form})


@login_required
def goods_edit(request, code, pk):
    community = managed_community(request.user, code)
    goods = get_object_or_404(Goods, pk=pk, community=community)
    form = GoodsForm(
        request.POST or None, request.FILES or None, instance=goods, community=community
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            if changes:
                goods_update(goods=goods, actor=request.user, **changes)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The item is saved."))
            return redirect("points:manage", code=code)
    return render(
        request, "points/goods_form.html", {"community": community, "form": form, "goods": goods}
    )


def _stock_context(community, goods, donation=None, write_off=None):
    return {
        "community": community,
        "goods": goods,
        "donation_form": donation or DonationForm(donors=donors_for(community)),
        "write_off_form": write_off or WriteOffForm(),
        "movements": goods.movements.select_related("donor", "created_by", "order")[:50],
    }


@login_required
def goods_stock(request, code, pk):
    community = managed_community(request.user, code)
    goods = get_object_or_404(Goods.objects.select_related("donor"), pk=pk, community=community)
    return render(request, "points/goods_stock.html", _stock_context(community, goods))


@login_required
@require_POST
def stock_in(request, code, pk):
    community = managed_community(request.user, code)
    goods = get_object_or_404(Goods, pk=pk, community=community)
    form = DonationForm(request.POST, donors=donors_for(community))
    if form.is_valid():
        stock_donate(goods=goods, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The donation is recorded."))
        return redirect("points:goods_stock", code=code, pk=pk)
    return render(
        request, "points/goods_stock.html", _stock_context(community, goods, donation=form)
    )


@login_required
@require_POST
def write_off(request, code, pk):
    community = managed_community(request.user, code)
    goods = get_object_or_404(Goods, pk=pk, community=community)
    form = WriteOffForm(request.POST)
    if form.is_valid():
        try:
            stock_write_off(goods=goods, actor=request.user, **form.cleaned_data)
        except (ValidationError, PointsError) as exc:
            form.add_error(None, getattr(exc, "message", None) or exc)
        else:
            messages.success(request, _("The write-off is recorded."))
            return redirect("points:goods_stock", code=code, pk=pk)
    goods.refresh_from_db()
    return render(
        request, "points/goods_stock.html", _stock_context(community, goods, write_off=form)
    )
