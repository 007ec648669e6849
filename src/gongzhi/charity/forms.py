"""Forms of the charity pages. They only parse; the services decide and explain."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.charity.choices import BeneficiaryKind


class DriveForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    beneficiary_description = forms.CharField(
        label=_("Beneficiaries"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    cash_goal = forms.CharField(
        label=_("Cash goal in yuan (recorded only)"), required=False, max_length=20
    )
    goals = forms.CharField(
        label=_("Goals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: item kind, quantity and unit, e.g. 笔记本 200 本"),
    )


class PledgeForm(forms.Form):
    donor_name = forms.CharField(label=_("Donor"), max_length=100)
    donor_phone = forms.CharField(label=_("Donor phone"), max_length=20, required=False)
    is_anonymous = forms.BooleanField(label=_("Anonymous to the public"), required=False)
    cash_amount = forms.CharField(label=_("Cash amount (recorded)"), max_length=20, required=False)
    cash_received_by = forms.CharField(label=_("Cash received by"), max_length=100, required=False)
    cash_receipt_number = forms.CharField(
        label=_("Cash receipt number"), max_length=60, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class DeliveryForm(forms.Form):
    beneficiary_kind = forms.ChoiceField(label=_("Recipient kind"), choices=BeneficiaryKind.choices)
    recipient_name = forms.CharField(label=_("Recipient"), max_length=100, required=False)
    public_name_consent = forms.BooleanField(
        label=_("Recipient may be named publicly"), required=False
    )
    public_category = forms.CharField(label=_("Public description"), max_length=100, required=False)
    scheduled_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


class SignOffForm(forms.Form):
    signed_by_name = forms.CharField(label=_("Recipient's name"), max_length=100, required=False)
    sign_mark = forms.CharField(label=_("Or a mark"), max_length=200, required=False)
    photo = forms.FileField(
        label=_("Photo of the sign-off"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Proof photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    code = forms.CharField(label=_("Check code"), max_length=12)


class VisitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    visited_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    support = forms.CharField(label=_("Support given"), max_length=300, required=False)
    is_public = forms.BooleanField(label=_("Part of the public story"), required=False)
    photo = forms.FileField(label=_("Photo"), required=False)

    def __init__(self, *args, **kwargs):
        from gongzhi.charity.choices import VisitKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = VisitKind.choices


class AssistanceFileForm(forms.Form):
    """Opening an assistance file; the community and the caseworker are chosen from the
    places and people the view offers."""

    node = forms.TypedChoiceField(label=_("Community"), coerce=int, choices=())
    subject_name = forms.CharField(label=_("Name"), max_length=50)
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=50,
        help_text=_("The name used in stories unless consent allows the real one."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories of need"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Why help is needed"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    plan = forms.CharField(
        label=_("Plan"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    caseworker = forms.TypedChoiceField(label=_("Caseworker"), coerce=int, choices=())
    opened_on = forms.DateField(
        label=_("Opened on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    consent_scope = forms.ChoiceField(label=_("Publication allowed"), choices=())
    consent_on = forms.DateField(
        label=_("Consent given on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    consent_by = forms.CharField(label=_("Consent given by"), max_length=50, required=False)

    def __init__(self, *args, communities=(), caseworkers=(), **kwargs):
        from gongzhi.charity.choices import AssistanceCategory, ConsentScope

        super().__init__(*args, **kwargs)
        self.fields["node"].choices = [(c.pk, c.name) for c in communities]
        self.fields["caseworker"].choices = caseworkers
        self.fields["categories"].choices = AssistanceCategory.choices
        self.fields["consent_scope"].choices = ConsentScope.choices


class SensitiveDetailsForm(forms.Form):
    """The sensitive details of a file (the service checks the ID number's form)."""

    id_number = forms.CharField(label=_("ID number"), max_length=18, required=False)
    health = forms.CharField(
        label=_("health"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    income = forms.CharField(label=_("income"), max_length=200, required=False)
    exact_address = forms.CharField(label=_("exact address"), max_length=200, required=False)
    school = forms.CharField(label=_("child's school"), max_length=100, required=False)
