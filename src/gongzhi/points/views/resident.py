"""The resident's pages: my points, the store, my orders with their codes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.org.access import get_for
from gongzhi.points import codes
from gongzhi.points.choices import OrderState
from gongzhi.points.errors import PointsError
from gongzhi.points.forms import GoodDeedForm, OrderForm, ReasonForm, new_form_token
from gongzhi.points.models import Order
from gongzhi.points.selectors import (
    community_of,
    goods_for_community,
    person_balance,
    person_entries,
    person_orders,
)
from gongzhi.points.services import good_deed_propose, order_cancel, order_place
from gongzhi.points.views.common import resident_of


def _resident_or_explain(request):
    person = resident_of(request.user)
    if person is None:
        return None, render(request, "points/no_resident.html", status=200)
    return person, None


@login_required
def my_points(request):
    person, answer = _resident_or_explain(request)
    if answer:
        return answer
    page = Paginator(person_entries(person), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "points/my_points.html",
        {"person": person, "balance": person_balance(person), "page": page},
    )


@login_required
def store(request):
    person, answer = _resident_or_explain(request)
    if answer:
        return answer
    community = community_of(person.node)
    return render(
        request,
        "points/store.html",
        {
            "person": person,
            "community": community,
            "balance": person_balance(person),
            "goods_list": goods_for_community(community),
        },
    )


@login_required
def goods_detail(request, pk):
    person, answer = _resident_or_explain(request)
    if answer:
        return answer
    goods = get_object_or_404(
        goods_for_community(community_of(person.node)).select_related("community"), pk=pk
    )
    form = OrderForm(request.POST or None, initial={"token": new_form_token()})
    if request.method == "POST" and form.is_valid():
        try:
            order = order_place(
                person=person,
                goods=goods,
                quantity=form.cleaned_data["quantity"],
                actor=request.user,
                idempotency_key=form.cleaned_data["token"],
            )
        except PointsError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Ordered. Show the code to the store clerk."))
            return redirect(order)
    return render(
        request,
        "points/goods_detail.html",
        {"goods": goods, "form": form, "balance": person_balance(person)},
    )


@login_required
def my_orders(request):
    person, answer = _resident_or_explain(request)
    if answer:
        return answer
    page = Paginator(person_orders(person), 20).get_page(request.GET.get("page"))
    return render(request, "points/my_orders.html", {"page": page})


@login_required
def order_detail(request, pk):
    order = get_for(request.user, Order.objects.select_related("goods", "goods__community"), pk=pk)
    own = order.person.user_id == request.user.pk
    qr = None
    # Only the resident sees the code: whoever holds it can collect the goods.
    if own and order.state == OrderState.PLACED:
        link = request.build_absolute_uri(reverse("points:clerk") + f"?code={order.code}")
        qr = codes.qr_svg(link)
    return render(
        request,
        "points/order_detail.html",
        {"order": order, "qr": qr, "own": own, "cancel_form": ReasonForm()},
    )


@login_required
@require_POST
def order_cancel_view(request, pk):
    order = get_for(request.user, Order.objects.select_related("goods__community", "person"), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        order_cancel(order=order, actor=request.user, reason=reason)
    except PermissionDenied as exc:
        raise Http404 from exc
    except (PointsError, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or "; ".join(exc.messages))
    else:
        messages.success(request, _("The order is cancelled; the points are back."))
    return redirect(order)


@login_required
def good_deed_new(request):
    person, answer = _resident_or_explain(request)
    if answer:
        return answer
    form = GoodDeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            good_deed_propose(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you. Community staff will look at it."))
            return redirect("points:my_points")
    return render(request, "points/good_deed_form.html", {"form": form})
