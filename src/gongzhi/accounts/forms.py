from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.org.models import Node


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "138 1234 5678"}
        ),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
    )


class BuildingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class WelcomeForm(forms.Form):
    display_name = forms.CharField(
        label=_("What should we call you?"),
        max_length=30,
        help_text=_("Shown to staff who handle your reports; public pages show it masked."),
    )
    building = BuildingChoiceField(
        label=_("Your building (optional)"),
        queryset=Node.objects.filter(level="building").order_by("path"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I have read and accept the privacy notice."),
        error_messages={"required": _("Please accept the privacy notice to continue.")},
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )
