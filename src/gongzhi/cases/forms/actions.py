"""One small form per workflow action on the case page. Each carries the case version the page
showed; the service refuses a stale one with a conflict."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.cases.choices import Action, RatingChannel
from gongzhi.cases.forms.fields import PhotosField, VersionField
from gongzhi.cases.selectors import dispatch_parties, handlers_of
from gongzhi.org.names import display_name

REASON_MAX = 1000

# The words on each action's button (the Action labels are past tense, for the timeline).
BUTTONS = {
    Action.ACCEPT: _("Accept"),
    Action.REJECT: _("Reject"),
    Action.MERGE: _("Merge into another case"),
    Action.PARK: _("Park"),
    Action.UNPARK: _("Take off the parked list"),
    Action.DISPATCH: _("Dispatch"),
    Action.START_HANDLING: _("Start handling"),
    Action.RETURN: _("Return for re-dispatch"),
    Action.RESOLVE: _("Report resolved"),
    Action.VERIFY_PASS: _("Verified on site: close"),
    Action.VERIFY_FAIL: _("Not fixed: send back for rework"),
    Action.REOPEN: _("Reopen for rework"),
}


def _note(label=None, required=False):
    return forms.CharField(
        label=label or _("Note"),
        required=required,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Please give a reason.")},
    )


class ActionForm(forms.Form):
    """The common part: the version the page showed."""

    version = VersionField()

    def __init__(self, *args, case, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.user = user
        if not self.is_bound:
            self.fields["version"].initial = case.version


class NoteForm(ActionForm):
    note = _note()


class ReasonForm(ActionForm):
    reason = _note(_("Reason"), required=True)


class MergeForm(ActionForm):
    into = forms.CharField(
        label=_("Reference of the case it duplicates"),
        max_length=32,
        error_messages={"required": _("Give the reference of the other case.")},
    )
    note = _note()


class ParkForm(ActionForm):
    review_on = forms.DateField(
        label=_("Review on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2026-12-31.")},
    )
    reason = _note(_("Reason"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["review_on"].initial = timezone.localdate() + dt.timedelta(days=30)


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_force_display()}）"


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class DispatchForm(ActionForm):
    party = PartyChoiceField(
        label=_("Dispatch to"),
        queryset=None,
        error_messages={
            "required": _("Choose the party to dispatch this case to."),
            "invalid_choice": _("Choose a party from the list."),
        },
    )
    handler = HandlerChoiceField(
        label=_("Handler"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to let the party's handlers take it."),
        error_messages={"invalid_choice": _("Choose a handler from the list.")},
    )
    note = _note()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        parties = dispatch_parties(self.case)
        self.fields["party"].queryset = _party_qs(parties)
        handlers = {u.pk for _p, users in handlers_of(parties) for u in users}
        self.fields["handler"].queryset = (
            get_user_model().objects.filter(pk__in=handlers).select_related("person")
        )
        if not self.is_bound and parties:
            self.fields["party"].initial = parties[0].pk


def _party_qs(parties):
    from gongzhi.org.models import Party

    return Party.objects.filter(pk__in=[p.pk for p in parties]).order_by("force", "name")


class ResolveForm(ActionForm):
    note = _note(_("What was done"), required=True)
    photos = PhotosField(label=_("Photos of the result"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].error_messages["required"] = _("Say what was done, please.")
        if self.case.category.photo_required_at_resolution:
            self.fields["photos"].help_text = _(
                "This category needs at least one photo of the result."
            )


class VerifyFailForm(ActionForm):
    note = _note(_("What is still wrong"), required=True)


FORMS = {
    Action.ACCEPT: NoteForm,
    Action.REJECT: ReasonForm,
    Action.MERGE: MergeForm,
    Action.PARK: ParkForm,
    Action.UNPARK: NoteForm,
    Action.DISPATCH: DispatchForm,
    Action.START_HANDLING: NoteForm,
    Action.RETURN: ReasonForm,
    Action.RESOLVE: ResolveForm,
    Action.VERIFY_PASS: NoteForm,
    Action.VERIFY_FAIL: VerifyFailForm,
    Action.REOPEN: ReasonForm,
}


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class RatingForm(forms.Form):
    """The follow-up questions: contacted? solved? satisfied? (三率)."""

    contacted = forms.TypedChoiceField(
        label=_("Did someone contact you about it?"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer yes or no.")},
    )
    solved = forms.TypedChoiceField(
        label=_("Is the problem solved?"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer yes or no.")},
    )
    satisfied = forms.TypedChoiceField(
        label=_("Are you satisfied with how it was handled?"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please answer yes or no.")},
    )
    comment = forms.CharField(
        label=_("Anything you want to add"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowupForm(RatingForm):
    """Staff record the answers given on a follow-up call or visit."""

    channel = forms.ChoiceField(
        label=_("How the answers were given"),
        choices=[(c, label) for c, label in RatingChannel.choices if c != RatingChannel.SELF],
        initial=RatingChannel.PHONE,
    )


class CaseNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the note first.")},
    )
    public = forms.BooleanField(label=_("Show it to the reporter and the public"), required=False)
