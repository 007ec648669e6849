"""The cases app in the portal: reports received and closed, on time, satisfaction; the latest
public reports; search over public reports."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.cases.selectors import public_cases, public_figures
from gongzhi.portal import public
from gongzhi.portal.choices import ResultType
from gongzhi.portal.sections import Figure, Hit, Section, register_section

BLOCK_SIZE = 5


def percent(rate) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def reports_url(node, **params) -> str:
    query = {"place": node.code, **params}
    return reverse("portal:reports") + "?" + urlencode(query)


def figures(node, start, end) -> list[Figure]:
    f = public_figures(node=node, start=start, end=end)
    month = f"{start:%Y-%m}"
    return [
        Figure(
            "reports_received",
            _("Reports received this month"),
            f["received"],
            str(f["received"]),
            reports_url(node, month=month),
        ),
        Figure(
            "reports_closed",
            _("Reports closed this month"),
            f["closed"],
            str(f["closed"]),
            reports_url(node, month=month, state="closed"),
        ),
        Figure(
            "closed_on_time",
            _("Closed on time"),
            f["on_time_rate"],
            percent(f["on_time_rate"]),
            reports_url(node, month=month, state="closed"),
        ),
        Figure(
            "satisfaction",
            _("Residents satisfied"),
            f["satisfaction_rate"],
            percent(f["satisfaction_rate"]),
            reports_url(node, state="closed"),
        ),
    ]


def public_cases_under(node):
    return public_cases().filter(node__path__startswith=node.path).select_related("reporter_person")


def block(request, node) -> dict | None:
    rows = [public.case_row(c) for c in public_cases_under(node)[:BLOCK_SIZE]]
    return {"cases": rows, "more_url": reports_url(node)}


def search(terms, node, limit) -> list[Hit]:
    from django.db.models import Q

    queryset = public_cases_under(node) if node is not None else public_cases()
    for term in terms:
        queryset = queryset.filter(
            Q(description__icontains=term)
            | Q(category__name__icontains=term)
            | Q(reference__iexact=term)
            | Q(node__name__icontains=term)
        )
    hits = []
    # The database matched the raw text; keep only what still matches once scrubbed, so that
    # searching for a phone number or a name cannot tell whether a report contains it.
    for case in queryset.prefetch_related(None)[: limit * 3]:
        text = public.case_text(case)
        seen = f"{text} {case.category.name} {case.reference} {case.node.name}".lower()
        if all(term.lower() in seen for term in terms):
            hits.append(
                Hit(
                    ResultType.CASE,
                    str(ResultType.CASE.label),
                    f"{case.category.name} · {case.node.name}",
                    public.shorten(text, 80),
                    reverse("report:case", args=[case.reference]),
                    case.reported_at,
                )
            )
        if len(hits) >= limit:
            break
    return hits


register_section(
    Section(
        key="cases",
        app="gongzhi.cases",
        title=gettext_lazy("Reports"),
        order=10,
        figures=figures,
        template="portal/sections/cases.html",
        block=block,
        search=search,
    )
)
