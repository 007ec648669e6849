"""The staff page's two privacy actions: the audited "show original" and publication."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gongzhi.cases import services as s
from gongzhi.cases.views.actions import _answer
from gongzhi.cases.views.case import staff_case


@never_cache
@login_required
@require_POST
def case_original(request, reference):
    """The report as the reporter gave it. A POST, not a page: each look is an act that the
    audit trail records (``cases.case.original_viewed``); the answer is never cached."""
    case = staff_case(request.user, reference)
    if case is None:
        raise Http404
    try:
        original = s.case_view_original(
            case=case, actor=request.user, reason=request.POST.get("reason", "")
        )
    except PermissionDenied:
        return render(
            request,
            "cases/partials/original.html",
            {"case": case, "error": _("You may not see the original of this report.")},
            status=403,
        )
    return render(request, "cases/partials/original.html", {"case": case, "original": original})


class PublicationForm(forms.Form):
    publish = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1", empty_value=None
    )


@login_required
@require_POST
def case_publication(request, reference):
    """Publish the reviewed report on the public surfaces, or take it off them."""
    case = staff_case(request.user, reference)
    if case is None:
        raise Http404
    form = PublicationForm(request.POST)
    if not form.is_valid():
        return _answer(
            request, case.reference, flash=("error", _("Choose publish or withdraw.")), status=422
        )
    publish = form.cleaned_data["publish"]
    try:
        s.case_publish(case=case, actor=request.user, publish=publish)
    except ValidationError as exc:
        return _answer(request, case.reference, flash=("error", " ".join(exc.messages)), status=422)
    except PermissionDenied as exc:
        return _answer(request, case.reference, flash=("error", str(exc)), status=403)
    done = (
        _("Case %(ref)s is public now.") if publish else _("Case %(ref)s is no longer public.")
    ) % {"ref": case.reference}
    return _answer(request, case.reference, flash=("success", done), status=200)
