"""Importing 12345 hotline work orders from an Excel sheet, with the row-by-row report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from gongzhi.cases import permissions as perms
from gongzhi.cases.forms.queues import HotlineImportForm
from gongzhi.cases.services import HotlineImportError, hotline_import
from gongzhi.cases.services.hotline import COLUMNS, REQUIRED
from gongzhi.cases.views.common import require_anywhere


@login_required
def import_hotline(request):
    """Upload the sheet; every row is checked first and nothing is written if any is bad."""
    require_anywhere(request.user, perms.IMPORT)
    result, problems, status = None, [], 200
    if request.method == "POST":
        form = HotlineImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = hotline_import(file=form.cleaned_data["file"], actor=request.user)
            except HotlineImportError as exc:
                problems, status = exc.problems, 400
            except PermissionDenied as exc:
                form.add_error("file", str(exc))
                status = 403
        else:
            status = 400
    else:
        form = HotlineImportForm()
    return render(
        request,
        "cases/import.html",
        {
            "form": form,
            "result": result,
            "problems": problems[:500],
            "problem_count": len(problems),
            "columns": list(COLUMNS),
            "required": REQUIRED,
        },
        status=status,
    )
