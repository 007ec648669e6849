"""Form fields the case pages share."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.images import MAX_PHOTOS


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos from one ``<input type=file multiple>``; their content is checked by the
    photo service (decoded, size-limited, EXIF removed), not here."""

    widget = MultipleFileInput

    def __init__(self, *, capture: str | None = None, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos"))
        kwargs.setdefault(
            "help_text",
            _("Up to %(n)d photos (JPEG, PNG or WebP); location data is removed from them.")
            % {"n": MAX_PHOTOS},
        )
        super().__init__(**kwargs)
        attrs = {"accept": "image/*", "multiple": True}
        if capture:
            attrs["capture"] = capture
        self.widget.attrs.update(attrs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("At most %(n)d photos at a time, please.") % {"n": MAX_PHOTOS}
            )
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


def new_idempotency_key() -> str:
    """A fresh key for one rendering of an intake form: submitting it twice creates one case."""
    return uuid.uuid4().hex


class VersionField(forms.IntegerField):
    """The case version the page showed, so that acting on a stale page is refused."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)
