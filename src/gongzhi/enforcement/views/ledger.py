"""The ledger (台账): filters, totals, Excel export and import."""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gongzhi.enforcement import forms, services
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.choices import RecordState
from gongzhi.enforcement.exports import ledger_workbook
from gongzhi.enforcement.ledger import COLUMNS
from gongzhi.enforcement.selectors import ledger as ledger_selectors
from gongzhi.enforcement.views.common import place_choices, places_for
from gongzhi.org.models import Node

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LedgerFilterForm(django_forms.Form):
    place = django_forms.ChoiceField(label=gettext_lazy("Place"), required=False)
    state = django_forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("all")), *RecordState.choices],
    )
    period_by = django_forms.ChoiceField(
        label=gettext_lazy("Period by"),
        required=False,
        choices=[
            (ledger_selectors.PERIOD_FOUND, gettext_lazy("date found")),
            (ledger_selectors.PERIOD_DEMOLISHED, gettext_lazy("date demolished")),
        ],
    )
    date_from = django_forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput
    )
    date_to = django_forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput
    )

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", _("everywhere I can see")), *place_choices(places)]


def _filter(request):
    form = LedgerFilterForm(request.GET or None, places=places_for(request.user))
    flt = ledger_selectors.LedgerFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        flt.node = Node.objects.filter(code=data["place"]).first() if data["place"] else None
        flt.states = [data["state"]] if data["state"] else []
        flt.period_by = data["period_by"] or ledger_selectors.PERIOD_FOUND
        flt.date_from = data["date_from"]
        flt.date_to = data["date_to"]
    return form, flt


def _filter_labels(form, flt) -> list[tuple[str, str]]:
    """The filter as rows of the workbook's summary sheet (fixed Chinese, like its headers:
    the workbook is an exchange format, see ``gongzhi.enforcement.ledger``)."""
    labels = [("导出时间", timezone.localtime().strftime("%Y-%m-%d %H:%M"))]
    if flt.node is not None:
        labels.append(("范围", flt.node.name))
    if flt.states:
        labels.append(("状态", ", ".join(str(RecordState(s).label) for s in flt.states)))
    if flt.date_from or flt.date_to:
        basis = "拆除日期" if flt.period_by == ledger_selectors.PERIOD_DEMOLISHED else "发现日期"
        labels.append((basis, f"{flt.date_from or ''} — {flt.date_to or ''}"))
    return labels


@login_required
def ledger(request):
    """The ledger with filters and totals; ``?format=xlsx`` downloads it as Excel."""
    form, flt = _filter(request)
    records = ledger_selectors.ledger_records(request.user, flt)
    totals = ledger_selectors.ledger_totals(ledger_selectors.ledger_queryset(request.user, flt))
    if request.GET.get("format") == "xlsx":
        rows = ledger_selectors.ledger_rows(records)
        content = ledger_workbook(rows, totals, _filter_labels(form, flt))
        response = HttpResponse(content, content_type=XLSX)
        name = f"违建台账-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = (
            f'attachment; filename="ledger-{timezone.localdate():%Y%m%d}.xlsx"; '
            f"filename*=UTF-8''{_quote(name)}"
        )
        return response
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    columns = [c for c in COLUMNS if c.key not in {"grid_code", "lat", "lon", "note"}]
    rows = ledger_selectors.ledger_rows(page.object_list)
    context = {
        "form": form,
        "totals": totals,
        "page": page,
        "table": [(row["pk"], [row[c.key] for c in columns[1:]], row["reference"]) for row in rows],
        "columns": columns,
        "query": query.urlencode(),
        "can_import": bool(places_for(request.user, perms.IMPORT)),
    }
    return render(request, "enforcement/ledger.html", context)


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


@login_required
def ledger_import(request):
    """Upload an existing ledger; nothing is written when any row is bad."""
    if not places_for(request.user, perms.IMPORT):
        raise PermissionDenied
    form = forms.LedgerImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.ledger_import(upload=form.cleaned_data["file"], actor=request.user)
        except services.LedgerImportError as exc:
            errors = exc.errors
        else:
            count = len(result.records)
            messages.success(
                request,
                ngettext("%(n)d record imported.", "%(n)d records imported.", count) % {"n": count},
            )
            return redirect("enforcement:ledger")
    status = 400 if (errors or form.errors) else 200
    return render(
        request,
        "enforcement/ledger_import.html",
        {"form": form, "errors": errors, "columns": COLUMNS},
        status=status,
    )
