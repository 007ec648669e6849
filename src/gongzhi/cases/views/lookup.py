"""The intake form's helpers, called by htmx: category search, the chosen category's questions,
where the point lies and which open cases look like the same problem; the grids to draw."""

from __future__ import annotations

import math

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongzhi.cases.choices import QuestionType
from gongzhi.cases.forms.intake import question_field_name
from gongzhi.cases.locating import locate_node
from gongzhi.cases.models import Case
from gongzhi.cases.selectors import category_choices, find_duplicates, leaf_by_code
from gongzhi.cases.services import case_support
from gongzhi.core.ratelimit import limited_by_ip_and_account, too_many_requests
from gongzhi.org.models import Node

DUPLICATES_SHOWN = 5
TEXT_MIN = 4


def question_rows(leaf, data=None, errors=None) -> list[dict]:
    """What the template needs to draw each of the category's questions with its value."""
    rows = []
    errors = errors or {}
    for question in leaf.questions.all() if leaf else []:
        name = question_field_name(question)
        multi = question.type == QuestionType.MULTI_CHOICE
        if data is None:
            value = [] if multi else ""
        else:
            value = data.getlist(name) if multi else data.get(name, "")
        rows.append(
            {
                "question": question,
                "name": name,
                "id": f"id_{name}",
                "type": question.type,
                "value": value,
                "choices": [
                    (str(c.get("key")), str(c.get("label") or c.get("key")))
                    for c in question.choices or []
                    if isinstance(c, dict)
                ],
                "errors": errors.get(question.code, []),
            }
        )
    return rows


def mark_open(groups, chosen: str, searched: bool):
    """Open every group when searching, else only the group holding the chosen category."""
    for group in groups:
        group.open = searched or any(leaf.code == chosen for leaf in group.leaves)
    return groups


@require_GET
def category_search(request):
    """The grouped category list, narrowed by the words typed (keeping the chosen one)."""
    chosen = request.GET.get("category", "")[:40]
    searched = bool(request.GET.get("q", "").strip())
    groups = category_choices(request.GET.get("q", ""), keep=chosen)
    return render(
        request,
        "cases/partials/category_list.html",
        {"groups": mark_open(groups, chosen, searched), "chosen": chosen},
    )


@require_GET
def category_questions(request):
    """The chosen category's extra questions as form fields."""
    leaf = leaf_by_code(request.GET.get("category", ""))
    return render(
        request,
        "cases/partials/questions.html",
        {"leaf": leaf, "questions": question_rows(leaf)},
    )


def _point(data):
    try:
        lat, lon = float(data.get("lat", "")), float(data.get("lon", ""))
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


@require_GET
def intake_check(request):
    """Where the chosen point lies, and the open cases that may be the same problem."""
    if limited_by_ip_and_account(request, "duplicate_check"):
        return too_many_requests(request, partial=True)
    point = _point(request.GET)
    node = locate_node(point[1], point[0]) if point else None
    leaf = leaf_by_code(request.GET.get("category", ""))
    text = request.GET.get("description", "").strip()[:4000]
    matches = []
    if leaf is not None and point is not None and len(text) >= TEXT_MIN:
        matches = find_duplicates(category=leaf, text=text, lat=point[0], lon=point[1], node=node)[
            :DUPLICATES_SHOWN
        ]
    return render(
        request,
        "cases/partials/check.html",
        {
            "point": point,
            "node": node,
            "place": [n.name for n in node.ancestors()][-2:] + [node.name] if node else [],
            "matches": matches,
            "leaf": leaf,
        },
    )


@require_GET
def grids_geojson(request):
    """The grids' boundaries, drawn on the intake map for orientation (one query)."""
    features = [
        {
            "type": "Feature",
            "geometry": boundary,
            "properties": {"code": code, "name": name},
        }
        for code, name, boundary in Node.objects.filter(
            level="grid", boundary__isnull=False
        ).values_list("code", "name", "boundary")
    ]
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Content-Type"] = "application/geo+json"
    response["Cache-Control"] = "public, max-age=300"
    return response


@login_required
@require_POST
def support(request):
    """ "Same problem": add the resident's support to an open case that the duplicate check
    offered for what they were about to report, instead of a new report."""
    point = _point(request.POST)
    leaf = leaf_by_code(request.POST.get("category", ""))
    text = request.POST.get("description", "").strip()[:4000]
    reference = request.POST.get("reference", "")[:32]
    if leaf is None or point is None:
        raise Http404
    offered = {
        m.case.reference: m.case
        for m in find_duplicates(category=leaf, text=text, lat=point[0], lon=point[1])
    }
    case = offered.get(reference)
    if case is None:
        raise Http404
    try:
        case = case_support(case=Case.objects.get(pk=case.pk), actor=request.user)
    except ValidationError as exc:
        return render(
            request, "cases/supported.html", {"case": case, "error": " ".join(exc.messages)}
        )
    if case.is_public or case.reporter_user_id == request.user.pk:
        from django.contrib import messages

        messages.success(
            request, _("Thank you: your support was added to case %(ref)s.") % {"ref": case}
        )
        return redirect("report:case", reference=case.reference)
    return render(request, "cases/supported.html", {"case": case})
