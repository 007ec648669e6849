"""Filters of the queue and map pages, the bulk dispatch form and the hotline import form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.choices import SlaStatus, State
from gongzhi.cases.models import Category
from gongzhi.org.models import Node

PERIOD_MAX_DAYS = 3660


class CategoryFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.is_group else f"\u3000{obj.name}"


class CaseFilterForm(forms.Form):
    """category (a group takes its leaves), state, node (its subtree), period, SLA colour."""

    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    category = CategoryFilterField(
        label=_("Category"),
        queryset=Category.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("All categories"),
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    node = forms.ModelChoiceField(
        label=_("Grid"),
        queryset=Node.objects.all(),
        required=False,
        to_field_name="code",
        widget=forms.TextInput(attrs={"placeholder": _("grid code"), "list": "node-codes"}),
        error_messages={"invalid_choice": _("There is no grid with this code.")},
    )
    since = forms.DateField(
        label=_("Reported from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("Reported until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sla = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[("", _("Any")), *SlaStatus.choices],
    )

    state_choices = [("", _("Any state")), *State.choices]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _category_tree()
        self.fields["state"].choices = self.state_choices

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period lies before its start."))
        if since and until and (until - since).days > PERIOD_MAX_DAYS:
            self.add_error("until", _("Choose a period of at most ten years."))
        return data

    def period(self):
        """(since, until) as aware datetimes: from the start of ``since`` to the end of
        ``until`` in the local zone; None where not given."""
        data = self.cleaned_data if self.is_valid() else {}
        since = _midnight(data.get("since"))
        until = _midnight(data["until"] + dt.timedelta(days=1)) if data.get("until") else None
        return since, until


def _midnight(day):
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _category_tree():
    return Category.objects.filter(is_active=True).order_by("sort_order", "code")


class MapFilterForm(CaseFilterForm):
    """The case map shows open cases unless another state is chosen."""

    state_choices = [("", _("Open cases")), ("all", _("All states")), *State.choices]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["sla"]
        del self.fields["q"]
        del self.fields["node"]


class BulkDispatchForm(forms.Form):
    """Several cases (``case`` checkboxes, by reference) to one party or each to its own."""

    party = forms.ModelChoiceField(
        label=_("Dispatch to"),
        queryset=None,
        required=False,
        empty_label=_("each case's suggested party"),
        error_messages={"invalid_choice": _("Choose a party from the list.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        from gongzhi.org.models import Party

        self.fields["party"].queryset = Party.objects.filter(pk__in=[p.pk for p in parties])
        self.fields["party"].label_from_instance = lambda p: f"{p.name}（{p.get_force_display()}）"

    def references(self) -> list[str]:
        refs = []
        for ref in self.data.getlist("case"):
            ref = str(ref).strip()[:32]
            if ref and ref not in refs:
                refs.append(ref)
        return refs[:200]


class HotlineImportForm(forms.Form):
    file = forms.FileField(
        label=_("Work-order sheet (.xlsx)"),
        help_text=_(
            "Columns 工单编号, 来电时间, 诉求内容, 分类 and either 经度/纬度 or 网格编码; "
            "optionally 地址, 来电人, 联系电话. At most 5 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
        error_messages={"required": _("Choose the Excel file to import.")},
    )
