"""Residents' pages (phone first): raise and support demands, request a service, post to a
board, record one's own attendance at a council by its QR code or short code."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongzhi.org.models import Node
from gongzhi.participation import codes, selectors, services
from gongzhi.participation.choices import Board
from gongzhi.participation.models import Council, Demand, ServiceEntry
from gongzhi.participation.permissions import RAISE_FOR_OTHERS, person_of
from gongzhi.participation.views.common import attempt, errors_of


def _area_choices(user):
    """Where this user may raise a demand or post: their own nodes up to the community, and
    everywhere a grid worker serves."""
    person = person_of(user)
    nodes = []
    if person is not None:
        path = person.node.path
        paths = [path[:i] for i in range(12, len(path) + 1, 4)]
        nodes = list(Node.objects.filter(path__in=paths).order_by("path"))
    extra = list(selectors.nodes_for_choice(user, RAISE_FOR_OTHERS))
    seen = {n.pk for n in nodes}
    return nodes + [n for n in extra if n.pk not in seen]


def _chosen_node(request, choices):
    code = (request.POST.get("node") or "").strip()
    for node in choices:
        if node.code == code:
            return node
    raise ValidationError({"node": _("Choose one of your areas from the list.")})


@login_required
@require_http_methods(["GET", "POST"])
def demand_new(request):
    choices = _area_choices(request.user)
    errors, values = {}, {}
    if request.method == "POST":
        values = request.POST
        try:
            node = _chosen_node(request, choices)
            demand = services.demand_raise(
                title=request.POST.get("title", ""),
                text_=request.POST.get("text", ""),
                node=node,
                actor=request.user,
                lat=request.POST.get("lat") or None,
                lon=request.POST.get("lon") or None,
                photos=request.FILES.getlist("photos"),
            )
        except ValidationError as exc:
            errors = errors_of(exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Thank you: your demand was raised."))
            return redirect("participation:demand_public", pk=demand.pk)
    return render(
        request,
        "participation/phone/demand_form.html",
        {"areas": choices, "errors": errors, "values": values},
        status=400 if errors else 200,
    )


@login_required
@require_POST
def demand_support(request, pk):
    demand = get_object_or_404(Demand, pk=pk)
    attempt(
        request,
        services.demand_support,
        demand=demand,
        actor=request.user,
        success=_("You support this demand."),
    )
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("participation:demand_public", pk=pk)


@login_required
def my_demands(request):
    return render(
        request,
        "participation/phone/my_demands.html",
        {"demands": selectors.my_demands(request.user)},
    )


@login_required
@require_POST
def service_request(request, pk):
    entry = get_object_or_404(ServiceEntry, pk=pk, is_active=True)
    attempt(
        request,
        services.service_request_create,
        entry=entry,
        actor=request.user,
        note=request.POST.get("note", ""),
        success=_("Your request was sent to %(provider)s.") % {"provider": entry.provider_name},
    )
    return redirect("participation:service_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request):
    choices = _area_choices(request.user)
    errors, values = {}, {}
    if request.method == "POST":
        values = request.POST
        try:
            node = _chosen_node(request, choices)
            services.post_create(
                board=request.POST.get("board", ""),
                node=node,
                caption=request.POST.get("caption", ""),
                photo=request.FILES.get("photo"),
                actor=request.user,
            )
        except ValidationError as exc:
            errors = errors_of(exc)
        else:
            messages.success(
                request, _("Thank you: your photo will appear once a moderator has checked it.")
            )
            return redirect("participation:boards")
    return render(
        request,
        "participation/phone/post_form.html",
        {"areas": choices, "errors": errors, "values": values, "boards": Board.choices},
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attend(request, token):
    """The page the council's QR code opens on the attendee's phone."""
    council_id = codes.read_qr_token(token)
    council = Council.objects.filter(pk=council_id).select_related("node").first()
    if council is None:
        raise Http404
    result = None
    if request.method == "POST":
        result, _errors = attempt(
            request,
            services.attendance_by_qr,
            token=token,
            person=person_of(request.user),
            actor=request.user,
        )
    return render(
        request, "participation/phone/attend.html", {"council": council, "result": result}
    )


@login_required
@require_http_methods(["GET", "POST"])
def attend_code(request):
    """Type in a council's short code to record one's attendance."""
    result, errors = None, {}
    if request.method == "POST":
        result, errors = attempt(
            request,
            services.attendance_by_short_code,
            code=request.POST.get("code", ""),
            person=person_of(request.user),
            actor=request.user,
        )
    return render(
        request,
        "participation/phone/attend.html",
        {
            "council": result[0].council if result else None,
            "result": result,
            "errors": errors,
            "by_code": True,
        },
        status=400 if errors else 200,
    )
