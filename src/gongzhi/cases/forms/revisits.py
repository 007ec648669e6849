"""Recording a revisit (回头看) from the staff revisit page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.forms.fields import PhotosField


class RevisitForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What did you find?"),
        choices=[("holds", _("the fix holds")), ("relapsed", _("the problem is back"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the fix holds.")},
    )
    note = forms.CharField(
        label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label=_("Describe the problem again (for the new case)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    photos = PhotosField(capture="environment")
