"""Forms of the calendar and working-hours pages: input shape only; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongzhi.worktime.choices import DayKind
from gongzhi.worktime.periods import parse_periods, periods_from_text


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=DayKind.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        required=False,
        help_text=_("For example 国庆节 (National Day)."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class CalendarDayEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DayKind.choices)
    name = forms.CharField(label=_("Name"), max_length=50, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class WorkingHoursForm(forms.Form):
    periods = forms.CharField(
        label=_("Working periods"),
        max_length=200,
        help_text=_("Times of day, in order, separated by commas: 08:30-12:00, 13:30-17:30"),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_periods(self):
        try:
            pairs = periods_from_text(self.cleaned_data["periods"])
            parse_periods(pairs)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return pairs


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form, by field where the form has one."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
