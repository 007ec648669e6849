"""The platform API's insights routes: KPIs, the records behind one, monthly briefings.

Registered on the platform API (``gongzhi.api.platform``). A key or user needs
``insights.view`` on the node; a node outside its scope answers 404 like an unknown one.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from ninja import Field, Router, Schema

from gongzhi.core.errors_schema import ErrorOut
from gongzhi.insights import drilldown
from gongzhi.insights.access import clean_filters, node_for
from gongzhi.insights.periods import parse_period
from gongzhi.insights.registry import RATE, get_kpi
from gongzhi.insights.selectors import applicable, figures, records

router = Router(tags=["insights"])


class KpisOut(Schema):
    node: str
    period: str = Field(description="YYYY-MM, a calendar month in Asia/Shanghai")
    as_of: str = Field(description="the moment the figures are taken at (ISO 8601)")
    kpis: dict[str, float | int | None]


class RecordsOut(Schema):
    node: str
    period: str
    kpi: str
    part: str | None
    value: float | int | None
    count: int
    truncated: bool
    records: list[dict]


ERRORS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


@router.get("/insights/kpis", response={200: KpisOut, **ERRORS})
def kpis_for(
    request,
    node: str,
    period: str,
    force: str | None = None,
    category: str | None = None,
    programme: str | None = None,
):
    """Every registered KPI for ``node``'s subtree and one month; rates are null, not zero,
    when nothing was there to count (docs/insights.md gives each formula)."""
    target = node_for(request.user, node)
    month = parse_period(period)
    filters = clean_filters(force=force, category=category, programme=programme)
    result = figures(target, month, filters=filters)
    return {
        "node": target.code,
        "period": month.key,
        "as_of": result.as_of.isoformat(),
        "kpis": result.values(),
    }


@router.get("/insights/kpis/{code}/records", response={200: RecordsOut, **ERRORS})
def kpi_records(
    request,
    code: str,
    node: str,
    period: str,
    part: str | None = None,
    force: str | None = None,
    category: str | None = None,
    programme: str | None = None,
):
    """The records one figure counts (for a rate: ``part=num`` the numerator's, ``den`` the
    denominator's, ``rest`` the denominator's outside the numerator)."""
    kpi = get_kpi(code)
    if kpi is None:
        raise Http404(code)
    target = node_for(request.user, node)
    month = parse_period(period)
    filters = clean_filters(force=force, category=category, programme=programme)
    if not applicable(kpi, filters):
        raise Http404(code)
    part = (part if part in ("num", "den", "rest") else "num") if kpi.kind == RATE else None
    queryset = records(kpi, target, month, part=part, filters=filters)
    count = queryset.count()
    rows = drilldown.rows(kpi, queryset)
    return {
        "node": target.code,
        "period": month.key,
        "kpi": kpi.code,
        "part": part,
        "value": figures(target, month, filters=filters, codes=[kpi.code]).value(kpi.code),
        "count": count,
        "truncated": count > len(rows),
        "records": rows,
    }


def _briefing(request, node, period):
    from gongzhi.insights.briefing.selectors import briefing_for_api

    target = node_for(request.user, node)
    month = parse_period(period)
    return briefing_for_api(target, month)


@router.get("/briefings/{node}/{period}.pdf", response={200: None, **ERRORS})
def briefing_pdf(request, node: str, period: str):
    """The month's briefing as PDF (the approved text when it was approved)."""
    from gongzhi.insights.briefing.export import briefing_pdf_bytes

    briefing = _briefing(request, node, period)
    response = HttpResponse(briefing_pdf_bytes(briefing), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="briefing-{node}-{period}.pdf"'
    return response


@router.get("/briefings/{node}/{period}.docx", response={200: None, **ERRORS})
def briefing_docx(request, node: str, period: str):
    """The month's briefing as a Word document."""
    from gongzhi.insights.briefing.export import DOCX_TYPE, briefing_docx_bytes

    briefing = _briefing(request, node, period)
    response = HttpResponse(briefing_docx_bytes(briefing), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="briefing-{node}-{period}.docx"'
    return response


@router.get("/briefings/{node}/{period}", response={200: dict, **ERRORS})
def briefing_json(request, node: str, period: str):
    """The month's briefing: sections of paragraphs whose numbers carry their KPI codes; the
    approved (frozen) copy when there is one, else built from the records now."""
    return _briefing(request, node, period).as_json()
