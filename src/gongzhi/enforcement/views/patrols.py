"""Patrol pages: the list, the logging page (start/stop, GPS points, a drawn route, grids,
findings) and its JSON endpoints for the phone."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongzhi.cases.models import Category
from gongzhi.enforcement import forms, services
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.categories import DEFAULT_CATEGORY_CODE
from gongzhi.enforcement.models import Patrol, PatrolPhoto
from gongzhi.enforcement.selectors import patrols as selectors
from gongzhi.enforcement.services.patrols import patrol_area
from gongzhi.enforcement.views.common import places_for, run_service
from gongzhi.org.access import get_for
from gongzhi.org.choices import Level
from gongzhi.org.models import Node

MAX_JSON_BYTES = 1024 * 1024


@login_required
@require_GET
def patrol_list(request):
    page = Paginator(selectors.patrols_for(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/patrol_list.html",
        {
            "page": page,
            "running": selectors.running_patrol(request.user),
            "can_patrol": patrol_area(request.user) is not None or request.user.is_superuser,
        },
    )


@login_required
@require_POST
def patrol_start(request):
    patrol = services.patrol_start(actor=request.user)
    return redirect("enforcement:patrol_detail", pk=patrol.pk)


def _categories():
    leaves = Category.objects.filter(is_group=False, is_active=True).order_by("sort_order", "code")
    leaves = list(leaves)
    leaves.sort(key=lambda c: c.code != DEFAULT_CATEGORY_CODE)  # 私搭乱建 first
    return leaves


def _patrol_grids(user, patrol):
    """Grids the inspector may tick: those of their patrol area (and those already ticked)."""
    area = patrol.node
    nodes = [n for n in places_for(user, perms.PATROL) if n.level == Level.GRID]
    if area.level == Level.GRID:
        nodes = [n for n in nodes if n.path.startswith(area.path[: -Node.steplen])] or nodes
    return nodes


def _page(request, patrol, *, finding_form=None, status=200):
    own = patrol.inspector_id == request.user.pk
    config = {
        "tileUrl": settings.GONGZHI_MAP_TILE_URL,
        "tileAttribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION,
        "route": patrol.route,
        "running": patrol.is_running and own,
        "own": own,
        "pointsUrl": reverse("enforcement:patrol_points", args=[patrol.pk]),
        "routeUrl": reverse("enforcement:patrol_route", args=[patrol.pk]),
        "area": patrol.node.boundary,
        "labels": {
            "gpsOn": _("Recording GPS…"),
            "gpsOff": _("GPS is off"),
            "gpsDenied": _("The phone did not allow its location: draw the route instead."),
            "saved": _("Saved"),
            "failed": _("Could not save; will retry."),
        },
    }
    grids = list(patrol.grids.all())
    context = {
        "patrol": patrol,
        "own": own,
        "config": config,
        "grids": grids,
        "finding_form": finding_form
        or forms.FindingForm(categories=_categories(), initial={"category": DEFAULT_CATEGORY_CODE}),
        "end_form": forms.PatrolEndForm(initial={"notes": patrol.notes}),
        "grids_form": forms.PatrolGridsForm(
            grids=_patrol_grids(request.user, patrol), initial={"grids": [g.code for g in grids]}
        )
        if own
        else None,
        "findings": list(patrol.findings.all()),
        "photos": list(patrol.photos.all()),
    }
    return render(request, "enforcement/patrol_detail.html", context, status=status)


@login_required
@require_GET
def patrol_detail(request, pk):
    return _page(request, selectors.patrol_detail(request.user, pk))


def _json_body(request) -> dict:
    if len(request.body) > MAX_JSON_BYTES:
        raise ValidationError({"points": _("Send fewer points at a time.")})
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError({"body": _("Send JSON.")}) from exc
    if not isinstance(data, dict):
        raise ValidationError({"body": _("Send a JSON object.")})
    return data


def _json_call(request, pk, call):
    patrol = selectors.patrol_detail(request.user, pk)
    try:
        patrol = call(patrol, _json_body(request))
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return JsonResponse({"errors": errors}, status=400)
    except PermissionDenied:
        return JsonResponse({"errors": {"__all__": [_("Not allowed.")]}}, status=403)
    return JsonResponse(
        {
            "points": patrol.point_count,
            "grids": [{"code": g.code, "name": g.name} for g in patrol.grids.all()],
        }
    )


@login_required
@require_POST
def patrol_points(request, pk):
    """Append GPS points: ``{"points": [{"lon": …, "lat": …, "accuracy": …}, …]}``."""
    return _json_call(
        request,
        pk,
        lambda patrol, data: services.patrol_add_points(
            patrol=patrol, actor=request.user, points=data.get("points")
        ),
    )


@login_required
@require_POST
def patrol_route(request, pk):
    """Replace the route with one drawn on the map: ``{"route": <GeoJSON LineString>}``."""
    return _json_call(
        request,
        pk,
        lambda patrol, data: services.patrol_set_route(
            patrol=patrol, actor=request.user, route=data.get("route")
        ),
    )


@login_required
@require_POST
def patrol_end(request, pk):
    patrol = selectors.patrol_detail(request.user, pk)
    form = forms.PatrolEndForm(request.POST)
    if form.is_valid():
        done = run_service(
            request,
            form,
            lambda: services.patrol_end(
                patrol=patrol, actor=request.user, notes=form.cleaned_data["notes"]
            ),
        )
        if done is not None:
            messages.success(request, _("Patrol ended."))
    return redirect("enforcement:patrol_detail", pk=patrol.pk)


@login_required
@require_POST
def patrol_grids(request, pk):
    patrol = selectors.patrol_detail(request.user, pk)
    form = forms.PatrolGridsForm(request.POST, grids=_patrol_grids(request.user, patrol))
    if form.is_valid():
        grids = list(Node.objects.filter(code__in=form.cleaned_data["grids"]))
        if run_service(
            request,
            form,
            lambda: services.patrol_set_grids(patrol=patrol, actor=request.user, grids=grids),
        ):
            messages.success(request, _("Grids saved."))
    else:
        messages.error(request, _("Choose grids from the list."))
    return redirect("enforcement:patrol_detail", pk=patrol.pk)


@login_required
@require_POST
def patrol_finding(request, pk):
    patrol = selectors.patrol_detail(request.user, pk)
    categories = _categories()
    form = forms.FindingForm(request.POST, request.FILES, categories=categories)
    if form.is_valid():
        data = form.cleaned_data
        category = next(c for c in categories if c.code == data["category"])
        finding = run_service(
            request,
            form,
            lambda: services.patrol_report_finding(
                patrol=patrol,
                actor=request.user,
                category=category,
                description=data["description"],
                lat=data["lat"],
                lon=data["lon"],
                photos=data["photos"],
                address=data["address"],
                structure_type=data["structure_type"] or "other",
                area=data["area"],
                party_name=data["party_name"],
            ),
        )
        if finding is not None:
            messages.success(
                request,
                _("Finding logged as case %(ref)s.") % {"ref": finding.case.reference}
                if finding.record is None
                else _("Finding logged as case %(ref)s and record %(record)s.")
                % {"ref": finding.case.reference, "record": finding.record.reference},
            )
            return redirect("enforcement:patrol_detail", pk=patrol.pk)
    return _page(request, patrol, finding_form=form, status=400)


@login_required
@require_POST
def patrol_photos(request, pk):
    """Photos taken on the patrol itself (not of a finding)."""
    patrol = selectors.patrol_detail(request.user, pk)
    try:
        services.patrol_add_photos(
            patrol=patrol, actor=request.user, photos=request.FILES.getlist("photos")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Photos added."))
    return redirect("enforcement:patrol_detail", pk=patrol.pk)


@login_required
@require_GET
def patrol_photo(request, pk, photo_pk):
    patrol = get_for(request.user, Patrol, pk=pk)
    item = get_object_or_404(PatrolPhoto, patrol=patrol, pk=photo_pk)
    response = FileResponse(item.thumbnail.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
