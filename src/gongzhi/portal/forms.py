"""The story editor's forms. They only parse input; the services check and write."""

from __future__ import annotations

import re
from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.org.access import user_scope
from gongzhi.org.models import Node
from gongzhi.portal.permissions import EDIT
from gongzhi.portal.selectors import HOME_LEVELS


def editable_nodes(user):
    nodes = Node.objects.filter(level__in=HOME_LEVELS).order_by("path")
    scope = user_scope(user)
    if scope.is_global:
        return nodes
    from gongzhi.org.access import subtree_q

    return nodes.filter(subtree_q("", scope.paths_for(EDIT)))


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    node = forms.ModelChoiceField(label=_("Place"), queryset=Node.objects.none())
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("Shown in lists; the start of the text when left empty."),
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=50_000,
        help_text=_(
            "Paragraphs separated by an empty line; a line starting with “## ” is a heading. "
            "Simple HTML (headings, lists, bold, links) is kept; anything else is removed."
        ),
    )
    byline = forms.CharField(label=_("Byline"), max_length=60, required=False)
    tags = forms.CharField(
        label=_("Tags"), max_length=200, required=False, help_text=_("Separated by commas.")
    )
    published_on = forms.DateField(
        label=_("Publish date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty to publish on approval."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = editable_nodes(user)

    def clean_tags(self):
        return [t for t in re.split(r"[,，、\s]+", self.cleaned_data["tags"]) if t]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        day = data.get("published_on")
        return {
            "title": data["title"],
            "node": data["node"],
            "summary": data["summary"],
            "body": data["body"],
            "byline": data["byline"],
            "tags": data["tags"],
            "published_at": timezone.make_aware(datetime.combine(day, time(8, 0))) if day else None,
        }


class PhotoForm(forms.Form):
    photo = forms.ImageField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("What should change"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
