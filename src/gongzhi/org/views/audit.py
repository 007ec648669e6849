"""The audit trail in the staff pages: everything in reach, one node's subtree, or one record;
filtered by action, actor and dates; exported as CSV. Reach is ``org.view_audit``'s subtrees."""

from __future__ import annotations

import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from gongzhi.org.audit_trail import (
    AuditFilter,
    audit_entries,
    audit_node,
    may_read_audit,
    write_csv,
)
from gongzhi.org.views.common import base_query

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=gettext_lazy("Action"), max_length=100, required=False)
    actor = forms.CharField(label=gettext_lazy("By (username)"), max_length=150, required=False)
    since = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    type = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def to_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            action=data.get("action", "").strip(),
            actor=data.get("actor", "").strip(),
            since=data.get("since"),
            until=data.get("until"),
            object_type=data.get("type", "").strip().lower(),
            object_id=data.get("id", "").strip(),
        )


def _page(request, node=None):
    user = request.user
    if not may_read_audit(user):
        raise PermissionDenied(_("You may not read the audit trail."))
    form = AuditFilterForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    filters = form.to_filter() if request.GET and valid else AuditFilter()
    entries = audit_entries(user, node=node, filters=filters)
    if request.GET.get("export") == "csv" and valid:
        out = io.StringIO()
        write_csv(entries, out)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        where = node.code if node is not None else "all"
        response["Content-Disposition"] = f'attachment; filename="audit-{where}-{stamp}.csv"'
        return response
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    params = {k: v for k, v in request.GET.items() if k not in ("page", "export")}
    return render(
        request,
        "org/audit.html",
        {
            "node": node,
            "form": form if request.GET else AuditFilterForm(),
            "page": page,
            "filters": filters,
            "base_query": base_query(**params),
            "export_query": base_query(**params) + "export=csv",
        },
        status=200 if valid else 400,
    )


@login_required
@require_GET
def audit_list(request):
    """Every entry in the user's reach (or one record's, with ``type`` and ``id``)."""
    return _page(request)


@login_required
@require_GET
def node_audit(request, code):
    """The entries of one node's subtree: the node, and every case, record… placed in it."""
    if not may_read_audit(request.user):
        raise PermissionDenied(_("You may not read the audit trail."))
    return _page(request, audit_node(request.user, code))
