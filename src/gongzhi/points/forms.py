"""Forms of the points pages. They check input; the services decide."""

from __future__ import annotations

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.org.models import PartnerUnit, Person
from gongzhi.points.models import Goods, PointsRule

MAX_PHOTO_BYTES = 5 * 1024 * 1024


def new_form_token() -> str:
    return secrets.token_urlsafe(16)


class OrderForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=20, initial=1)
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Redemption code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "class": "code-input"}
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class RuleForm(forms.ModelForm):
    class Meta:
        model = PointsRule
        fields = ["points_per_unit", "daily_cap", "monthly_cap", "is_active"]
        widgets = {
            "points_per_unit": forms.NumberInput(attrs={"min": 0, "max": 100000}),
        }


class PolicyForm(forms.Form):
    expire_yearly = forms.BooleanField(label=_("Points expire yearly"), required=False)


class GoodsForm(forms.ModelForm):
    class Meta:
        model = Goods
        fields = [
            "name",
            "description",
            "photo",
            "price",
            "donor",
            "is_active",
            "limit_period",
            "limit_per_person",
        ]

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        # Donors are the partner units of this community (its grids included) and above it.
        self.fields["donor"].queryset = donors_for(community)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > MAX_PHOTO_BYTES:
            raise ValidationError(_("The photo is larger than 5 MB."))
        return photo


def donors_for(community):
    """The partner units of the community (its grids included) and of the nodes above it."""
    step = community.steplen
    above = [community.path[:i] for i in range(step, len(community.path), step)]
    return PartnerUnit.objects.filter(
        Q(node__path__startswith=community.path) | Q(node__path__in=above)
    ).order_by("name")


class DonationForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100000)
    donor = forms.ModelChoiceField(
        label=_("Donor"), queryset=PartnerUnit.objects.none(), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, donors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = donors


class WriteOffForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100000)
    reason = forms.CharField(label=_("Reason"), max_length=500)


class GoodDeedForm(forms.Form):
    description = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    occurred_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )


class StaffGoodDeedForm(GoodDeedForm):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())

    field_order = ["person", "description", "occurred_on"]

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class AdjustForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    amount = forms.IntegerField(
        label=_("Points (negative to deduct)"), min_value=-1_000_000, max_value=1_000_000
    )
    memo = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise ValidationError(_("Enter a number other than 0."))
        return amount
