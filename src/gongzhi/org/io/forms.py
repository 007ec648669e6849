"""The upload form of the import page."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

TREE, ROSTER = "tree", "roster"
KINDS = {".geojson": TREE, ".json": TREE, ".xlsx": ROSTER}


class ImportForm(forms.Form):
    """A GeoJSON tree or an Excel roster, told apart by the file's extension."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("GeoJSON (.geojson) for nodes and boundaries, Excel (.xlsx) for a roster."),
    )
    dry_run = forms.BooleanField(
        label=_("Check only, do not import"), required=False, initial=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name or "").suffix.lower()
        if suffix == ".xls":
            raise forms.ValidationError(
                _("Old Excel files (.xls) cannot be read: save the roster as .xlsx.")
            )
        if suffix not in KINDS:
            raise forms.ValidationError(
                _("Upload a GeoJSON file (.geojson or .json) or an Excel workbook (.xlsx).")
            )
        upload.import_kind = KINDS[suffix]
        return upload
