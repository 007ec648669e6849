"""Staff pages: the cockpit per node, the records behind a figure, Excel exports and the
monthly briefing (generate, edit, approve, publish, download)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from gongzhi.insights import drilldown, excel
from gongzhi.insights.access import clean_filters, default_node, node_for
from gongzhi.insights.briefing import services
from gongzhi.insights.briefing.export import DOCX_TYPE, briefing_docx_bytes, briefing_pdf_bytes
from gongzhi.insights.briefing.selectors import briefing_diff, briefing_view
from gongzhi.insights.cockpit import cockpit as cockpit_data
from gongzhi.insights.formatting import display
from gongzhi.insights.models import BriefingState
from gongzhi.insights.periods import current_period, parse_period
from gongzhi.insights.permissions import APPROVE_BRIEFING, EDIT_BRIEFING
from gongzhi.insights.registry import KPIS, RATE, kpis
from gongzhi.insights.selectors import applicable, figures, records
from gongzhi.org.access import can


def _period(request, default=None):
    value = request.GET.get("period")
    if not value:
        return default or current_period()
    try:
        return parse_period(value)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc


def _filters(request) -> dict:
    try:
        return clean_filters(
            force=request.GET.get("force"),
            category=request.GET.get("category"),
            programme=request.GET.get("programme"),
        )
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc


@login_required
def index(request):
    node = default_node(request.user)
    if node is None:
        raise Http404
    return redirect("insights:cockpit", node.code)


@login_required
def cockpit(request, code):
    node = node_for(request.user, code)
    period = _period(request)
    data = cockpit_data(
        node,
        period,
        map_kpi=request.GET.get("kpi", "closed_on_time_rate"),
        filters=_filters(request),
    )
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            excel.workbook(excel.cockpit_sheets(data)), content_type=excel.XLSX_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="kpis-{node.code}-{period}.xlsx"'
        return response
    return render(
        request,
        "insights/cockpit.html",
        {
            **data,
            "kpis": kpis(),
            "map_choices": [k for k in kpis() if k.kind == RATE or k.code == "cases_received"],
        },
    )


PART_LABELS = {
    "num": gettext_noop("counted in the numerator"),
    "den": gettext_noop("the whole denominator"),
    "rest": gettext_noop("in the denominator, not in the numerator"),
}


@login_required
def kpi_records(request, code, kpi):
    node = node_for(request.user, code)
    indicator = KPIS.get(kpi)
    if indicator is None:
        raise Http404(kpi)
    period = _period(request)
    filters = _filters(request)
    if not applicable(indicator, filters):
        raise Http404(kpi)
    part = None
    if indicator.kind == RATE:
        part = request.GET.get("part") if request.GET.get("part") in PART_LABELS else "num"
    queryset = records(indicator, node, period, part=part, filters=filters)
    rows = drilldown.rows(indicator, queryset)
    count = queryset.count() if len(rows) >= drilldown.DRILL_LIMIT else len(rows)
    columns = drilldown.columns(indicator)
    if request.GET.get("format") == "xlsx":
        body = excel.workbook(excel.records_sheet(indicator, columns, rows))
        response = HttpResponse(body, content_type=excel.XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{kpi}-{node.code}-{period}.xlsx"'
        return response
    value = figures(node, period, codes=[kpi], filters=filters).value(kpi)
    return render(
        request,
        "insights/records.html",
        {
            "node": node,
            "period": period,
            "kpi": indicator,
            "value": display(indicator, value),
            "part": part,
            "parts": [(p, _(label)) for p, label in PART_LABELS.items()] if part else [],
            "columns": columns,
            "rows": rows,
            "count": count,
            "truncated": count > len(rows),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def briefing(request, code, period):
    node = node_for(request.user, code)
    try:
        month = parse_period(period)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc
    if request.method == "POST":
        return _briefing_action(request, node, month)
    view = briefing_view(node, month)
    stored = view.stored
    diffs = (
        briefing_diff(stored)
        if stored and stored.is_frozen and request.GET.get("compare")
        else None
    )
    slots = (
        [("intro", _("Opening paragraph"))]
        + [
            (f"after:{s['key']}", _("After “%(title)s”") % {"title": s["title"]})
            for s in view.content.get("sections", [])
        ]
        + [("closing", _("Closing paragraph"))]
    )
    blocks = [{**b, "paragraphs": [_linked(p) for p in b["paragraphs"]]} for b in view.blocks()]
    return render(
        request,
        "insights/briefing.html",
        {
            "node": node,
            "period": month,
            "view": view,
            "blocks": blocks,
            "photos": view.photo_items(),
            "stored": stored,
            "slots": [(slot, label, view.narrative.get(slot, "")) for slot, label in slots],
            "can_edit": can(request.user, EDIT_BRIEFING, node),
            "can_approve": can(request.user, APPROVE_BRIEFING, node),
            "diffs": diffs,
            "kpi_info": {k.code: k for k in kpis()},
            "States": BriefingState,
        },
    )


def _linked(paragraph) -> list[dict]:
    """A paragraph's parts for the page: numbers carry their KPI's formula and records link."""
    out = []
    for part in paragraph:
        if not isinstance(part, dict):
            out.append({"text": part})
            continue
        kpi = KPIS.get(part["kpi"])
        if kpi is None:
            out.append({"text": part["text"]})
            continue
        url = (
            reverse("insights:records", args=[part["node"], kpi.code]) + f"?period={part['period']}"
        )
        title = f"{kpi.name}（{part['node']}, {part['period']}）: {kpi.formula}"
        if part["kind"] == "delta":
            title += " — " + _("change against the month before")
        out.append({"text": part["text"], "url": url, "title": title, "code": kpi.code})
    return out


def _briefing_action(request, node, month):
    action = request.POST.get("action")
    stored = briefing_view(node, month).stored
    try:
        if action == "generate":
            services.briefing_generate(node=node, period=month, actor=request.user)
            messages.success(request, _("The briefing was built from the records."))
        elif stored is None:
            raise ValidationError({"action": _("Build the briefing first.")})
        elif action == "edit":
            narrative = {
                key[len("slot:") :]: value
                for key, value in request.POST.items()
                if key.startswith("slot:")
            }
            services.briefing_edit(
                briefing=stored,
                actor=request.user,
                narrative=narrative,
                expected_version=_int(request.POST.get("version")),
            )
            messages.success(request, _("Your paragraphs were saved."))
        elif action == "approve":
            services.briefing_approve(briefing=stored, actor=request.user)
            messages.success(request, _("The briefing was approved and frozen."))
        elif action == "publish":
            services.briefing_publish(briefing=stored, actor=request.user)
            messages.success(request, _("The briefing was marked published."))
        else:
            raise ValidationError({"action": _("Unknown action.")})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except PermissionDenied as exc:
        raise Http404 from exc
    return redirect("insights:briefing", node.code, month.key)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def briefing_download(request, code, period, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404(fmt)
    node = node_for(request.user, code)
    try:
        month = parse_period(period)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc
    view = briefing_view(node, month)
    if fmt == "pdf":
        response = HttpResponse(briefing_pdf_bytes(view), content_type="application/pdf")
    else:
        response = HttpResponse(briefing_docx_bytes(view), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="briefing-{node.code}-{month}.{fmt}"'
    return response
