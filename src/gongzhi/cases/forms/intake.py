"""The intake forms: a resident's report, staff entry for a caller, a grid worker's finding.

They parse the request; ``case_report`` decides (it validates the place, the answers and the
photos and names the field of any problem, which the view puts back on the form).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import QuestionType
from gongzhi.cases.forms.fields import PhotosField
from gongzhi.cases.selectors import leaf_by_code
from gongzhi.cases.services import DESCRIPTION_MAX
from gongzhi.org.access import subtree_q, user_scope
from gongzhi.org.choices import Level
from gongzhi.org.models import Node

NODE_CHOICES_MAX = 800
CRS_CHOICES = [("wgs84", "WGS84"), ("gcj02", "GCJ-02"), ("bd09", "BD-09")]


def question_field_name(question) -> str:
    return f"q_{question.code}"


def answers_from(data, category) -> dict:
    """{question code: raw answer} for the category's questions, as posted."""
    answers = {}
    for question in category.questions.all():
        name = question_field_name(question)
        if question.type == QuestionType.MULTI_CHOICE:
            answers[question.code] = [v for v in data.getlist(name) if v]
        else:
            answers[question.code] = data.get(name, "")
    return answers


class ReportForm(forms.Form):
    """A resident's report from the web (channel ``web``)."""

    category = forms.CharField(
        label=_("What is the problem?"),
        max_length=40,
        error_messages={"required": _("Choose a category from the list.")},
    )
    description = forms.CharField(
        label=_("Describe it"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is wrong, exactly where, since when."),
        error_messages={"required": _("Describe the problem, please.")},
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput)
    crs = forms.ChoiceField(choices=CRS_CHOICES, required=False, widget=forms.HiddenInput)
    address = forms.CharField(
        label=_("Address or landmark"),
        max_length=200,
        required=False,
        help_text=_("For example: building 3, unit 2, beside the north gate."),
    )
    photos = PhotosField()
    is_public = forms.BooleanField(
        label=_("Show this report publicly (without your name, phone or exact address)"),
        required=False,
        initial=True,
    )
    is_anonymous = forms.BooleanField(
        label=_("Report anonymously: your name is not shown to anyone outside the staff"),
        required=False,
    )
    reporter_name = forms.CharField(label=_("Your name"), max_length=50, required=False)
    reporter_phone = forms.CharField(
        label=_("Phone for follow-up"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("E-mail for updates"),
        required=False,
        error_messages={"invalid": _("Enter a valid e-mail address.")},
    )
    idempotency_key = forms.CharField(max_length=128, widget=forms.HiddenInput)

    channel = "web"
    photo_capture = None
    has_contact = True

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.leaf = None
        self.fields["photos"].widget.attrs.update(
            {"capture": self.photo_capture} if self.photo_capture else {}
        )
        if not self.has_contact:
            for name in ("reporter_name", "reporter_phone", "reporter_email", "is_anonymous"):
                del self.fields[name]

    def clean_category(self):
        self.leaf = leaf_by_code(self.cleaned_data["category"])
        if self.leaf is None:
            raise forms.ValidationError(_("Choose a category from the list."))
        return self.leaf

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            self.add_error("lat", _("Give both latitude and longitude."))
        return data

    def service_kwargs(self) -> dict:
        """The keyword arguments for ``case_report`` (the answers are read from the POST)."""
        data = self.cleaned_data
        kwargs = {
            "category": data["category"],
            "description": data["description"],
            "channel": self.channel,
            "lat": data.get("lat"),
            "lon": data.get("lon"),
            "crs": data.get("crs") or "wgs84",
            "address": data.get("address", ""),
            "is_public": data.get("is_public", False),
            "photos": data.get("photos") or [],
            "idempotency_key": data["idempotency_key"],
            "answers": answers_from(self.data, data["category"]),
        }
        for name in ("reporter_name", "reporter_phone", "reporter_email", "is_anonymous"):
            if name in self.fields:
                kwargs[name] = data.get(name) or ("" if name != "is_anonymous" else False)
        return kwargs


class GridNodeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_level_display()}）"


def reportable_nodes(user):
    """Communities, grids and microgrids where ``user`` may enter cases for others."""
    nodes = Node.objects.filter(level__in=[Level.COMMUNITY, Level.GRID, Level.MICROGRID])
    scope = user_scope(user)
    if not scope.is_global:
        nodes = nodes.filter(subtree_q("", scope.paths_for(perms.REPORT_FOR_OTHERS)))
    return nodes.order_by("path")


class StaffReportForm(ReportForm):
    """Staff enter a case for a caller or a walk-in (channel ``staff``): the place may be a
    grid from the list when the caller cannot point at a map."""

    node = GridNodeField(
        label=_("Grid"),
        queryset=Node.objects.none(),
        required=False,
        to_field_name="code",
        help_text=_("Needed only when the place is not picked on the map."),
        error_messages={"invalid_choice": _("Choose a grid from the list.")},
    )

    channel = "staff"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["node"].queryset = reportable_nodes(user)
        self.fields["reporter_name"].label = _("Caller's name")
        self.fields["reporter_phone"].label = _("Caller's phone")
        self.fields["reporter_email"].label = _("Caller's e-mail")
        self.fields["is_public"].initial = False

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        kwargs["node"] = self.cleaned_data.get("node")
        return kwargs


class FindingForm(ReportForm):
    """A grid worker's finding on patrol (channel ``grid_worker``): camera first, no contact."""

    channel = "grid_worker"
    photo_capture = "environment"
    has_contact = False

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["is_public"].initial = False
