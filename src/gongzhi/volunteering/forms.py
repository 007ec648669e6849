"""Forms of the volunteering pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.core.images import MAX_PHOTOS
from gongzhi.volunteering.choices import Audience, CodePurpose
from gongzhi.volunteering.models import Label, ServiceTeam, Venue

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateTimeLocalField(forms.DateTimeField):
    """A datetime typed in the browser's picker, read in the site's time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)
    input_formats = [DATETIME_LOCAL, "%Y-%m-%d %H:%M"]


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=ServiceTeam.objects.none())
    labels = forms.ModelMultipleChoiceField(
        label=_("Programmes and plans"),
        queryset=Label.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.all(), required=False)
    location = forms.CharField(label=_("Or another place"), max_length=200, required=False)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    starts_at = DateTimeLocalField(label=_("Starts at"))
    ends_at = DateTimeLocalField(label=_("Ends at"))
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10_000)
    signup_opens_at = DateTimeLocalField(label=_("Sign-up opens at"))
    signup_closes_at = DateTimeLocalField(label=_("Sign-up closes at"))
    audience = forms.ChoiceField(label=_("Who may sign up"), choices=Audience.choices)

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams
        self.fields["venue"].queryset = Venue.objects.select_related("node")
        if not self.is_bound and "signup_opens_at" not in self.initial:
            self.initial["signup_opens_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("team")
        data.pop("labels")
        return data


class CancelActivityForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class AdjustHoursForm(forms.Form):
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_digits=6, decimal_places=2)
    reason = forms.CharField(label=_("Reason for the change"), max_length=300)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files from one input; each is checked by the report service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("At most %(n)d photos.") % {"n": MAX_PHOTOS})
        return files


class ReportForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, max_length=5000)
    people_served = forms.IntegerField(label=_("People served"), min_value=0, max_value=1_000_000)
    photos = MultipleImageField(label=_("Photos"), required=False)


class CertificateRequestForm(forms.Form):
    period_start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class CodeEntryForm(forms.Form):
    """A volunteer's personal code typed or pasted by the leader (the text under the QR)."""

    code = forms.CharField(label=_("Volunteer code"), max_length=500)
    action = forms.ChoiceField(label=_("Action"), choices=CodePurpose.choices)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        # A pasted link: keep the code at its end.
        if "/checkin/" in code:
            code = code.rstrip("/").rsplit("/", 1)[-1]
        return code
