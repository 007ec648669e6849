"""Forms of the enforcement pages: they type-check input; the services decide the rest."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.enforcement.choices import DemolitionMethod, ServiceMethod, StructureType

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos from one input (a phone's camera or gallery)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/*", "capture": "environment"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class DateInput(forms.DateInput):
    """A native date picker: its value must be ISO (2026-07-19) whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


def today():
    return timezone.localdate()


class InvestigateForm(forms.Form):
    facts = forms.CharField(label=_("Facts established"), widget=TEXTAREA, max_length=4000)
    area_found = forms.DecimalField(
        label=_("Measured area (m²)"), required=False, max_digits=8, decimal_places=2
    )
    structure_type = forms.ChoiceField(
        label=_("Structure type"),
        choices=[("", "—"), *StructureType.choices],
        required=False,
    )
    party_name = forms.CharField(label=_("Responsible party"), required=False, max_length=100)
    party_address = forms.CharField(label=_("Party's address"), required=False, max_length=200)
    party_phone = forms.CharField(label=_("Party's phone"), required=False, max_length=20)


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Why the record is closed"), widget=TEXTAREA, max_length=4000)


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("Issue date"), initial=today, widget=DateInput)
    self_demolition_deadline = forms.DateField(
        label=_("Self-demolition deadline"), required=False, widget=DateInput
    )
    facts = forms.CharField(
        label=_("Facts printed on the document"), widget=TEXTAREA, max_length=4000
    )


class ServiceForm(forms.Form):
    served_on = forms.DateField(label=_("Served on"), initial=today, widget=DateInput)
    method = forms.ChoiceField(label=_("Method"), choices=ServiceMethod.choices)
    recipient = forms.CharField(label=_("Recipient"), max_length=100)
    receipt_photo = forms.FileField(
        label=_("Photo of the signed receipt"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False, max_length=4000)


class DemolitionForm(forms.Form):
    method = forms.ChoiceField(label=_("Demolished by"), choices=DemolitionMethod.choices)
    area_removed = forms.DecimalField(label=_("Area removed (m²)"), max_digits=8, decimal_places=2)
    demolished_on = forms.DateField(label=_("Demolished on"), initial=today, widget=DateInput)
    photos_before = PhotosField(label=_("Photos before"), required=False)
    photos_after = PhotosField(label=_("Photos after"))
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False, max_length=4000)


class RevisitForm(forms.Form):
    relapsed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("no", _("Still removed")), ("yes", _("Built again"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    photos = PhotosField(label=_("Photo of the site now"))
    note = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False, max_length=4000)
    area_found = forms.DecimalField(
        label=_("Area built again (m²)"),
        required=False,
        max_digits=8,
        decimal_places=2,
        help_text=_("Only when it was built again; leave empty to use the old area."),
    )


class LedgerImportForm(forms.Form):
    file = forms.FileField(
        label=_("Ledger (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class StructureForm(forms.Form):
    """What is known of a structure when a record is opened."""

    structure_type = forms.ChoiceField(label=_("Structure type"), choices=StructureType.choices)
    area_found = forms.DecimalField(label=_("Estimated area (m²)"), max_digits=8, decimal_places=2)
    address = forms.CharField(label=_("Address of the structure"), max_length=200)
    party_name = forms.CharField(label=_("Responsible party"), required=False, max_length=100)


class FindingForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    description = forms.CharField(label=_("What did you find?"), widget=TEXTAREA, max_length=4000)
    structure_type = forms.ChoiceField(
        label=_("Structure type"), choices=StructureType.choices, required=False
    )
    area = forms.DecimalField(
        label=_("Estimated area (m²)"), required=False, max_digits=8, decimal_places=2
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    party_name = forms.CharField(label=_("Responsible party"), required=False, max_length=100)
    lat = forms.FloatField(widget=forms.HiddenInput, required=False)
    lon = forms.FloatField(widget=forms.HiddenInput, required=False)
    photos = PhotosField(label=_("Photos"), required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.code, c.name) for c in categories]


class PatrolEndForm(forms.Form):
    notes = forms.CharField(label=_("Notes"), widget=TEXTAREA, required=False, max_length=4000)


class PatrolGridsForm(forms.Form):
    grids = forms.MultipleChoiceField(
        label=_("Grids covered"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, grids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grids"].choices = [(g.code, g.name) for g in grids]


class VerifyForm(StructureForm):
    description = forms.CharField(
        label=_("What the image shows"), widget=TEXTAREA, required=False, max_length=4000
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Why it is not an illegal structure"), widget=TEXTAREA)
