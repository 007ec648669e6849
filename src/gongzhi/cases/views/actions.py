"""Acting on a case from its page: one endpoint per workflow action, plus notes and the
follow-up call. With htmx the answer is the fresh case panel (409 for a conflict, 422 for
bad input, 403 when refused); without it, a redirect back to the page or the page with errors.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongzhi.cases import services as s
from gongzhi.cases.choices import Action
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.forms.actions import FORMS, CaseNoteForm, FollowupForm
from gongzhi.cases.models import Case
from gongzhi.cases.views.case import _map_config, panel_context, staff_case
from gongzhi.cases.views.common import put_errors_on_form

DONE = {
    Action.ACCEPT: gettext_lazy("Case %(ref)s accepted."),
    Action.REJECT: gettext_lazy("Case %(ref)s rejected."),
    Action.MERGE: gettext_lazy("Case %(ref)s merged."),
    Action.PARK: gettext_lazy("Case %(ref)s parked."),
    Action.UNPARK: gettext_lazy("Case %(ref)s taken off the parked list."),
    Action.DISPATCH: gettext_lazy("Case %(ref)s dispatched."),
    Action.START_HANDLING: gettext_lazy("Handling of case %(ref)s started."),
    Action.RETURN: gettext_lazy("Case %(ref)s returned for re-dispatch."),
    Action.RESOLVE: gettext_lazy("Case %(ref)s reported resolved."),
    Action.VERIFY_PASS: gettext_lazy("Case %(ref)s verified and closed."),
    Action.VERIFY_FAIL: gettext_lazy("Case %(ref)s sent back for rework."),
    Action.REOPEN: gettext_lazy("Case %(ref)s reopened for rework."),
}


def _merge_target(user, reference):
    target = Case.objects.visible_to(user).filter(reference=reference.strip()).first()
    if target is None:
        raise ValidationError(
            {"into": _("There is no case %(ref)s that you may see.") % {"ref": reference[:32]}}
        )
    return target


def run_action(action, *, case, user, data):
    """Call the service for ``action`` with the form's cleaned data."""
    common = {"case": case, "actor": user, "expected_version": data.get("version")}
    note = data.get("note", "")
    if action == Action.ACCEPT:
        return s.case_accept(note=note, **common)
    if action == Action.REJECT:
        return s.case_reject(reason=data["reason"], **common)
    if action == Action.MERGE:
        return s.case_merge(into=_merge_target(user, data["into"]), note=note, **common)
    if action == Action.PARK:
        return s.case_park(review_on=data["review_on"], reason=data["reason"], **common)
    if action == Action.UNPARK:
        return s.case_unpark(note=note, **common)
    if action == Action.DISPATCH:
        return s.case_dispatch(
            party=data["party"], handler=data.get("handler"), note=note, **common
        )
    if action == Action.START_HANDLING:
        return s.case_start_handling(note=note, **common)
    if action == Action.RETURN:
        return s.case_return(reason=data["reason"], **common)
    if action == Action.RESOLVE:
        return s.case_resolve(note=note, photos=data.get("photos") or [], **common)
    if action in (Action.VERIFY_PASS, Action.VERIFY_FAIL):
        return s.case_verify(passed=action == Action.VERIFY_PASS, note=note, **common)
    if action == Action.REOPEN:
        return s.case_reopen(reason=data["reason"], **common)
    raise Http404


def _answer(request, reference, *, flash, status, bound=None):
    """The fresh panel (htmx) or page; a redirect after success without htmx."""
    user = request.user
    if not request.htmx and status == 200:
        messages.success(request, flash[1])
        return redirect("cases:case_detail", reference=reference)
    try:
        case = staff_case(user, reference)
    except Http404:
        case = None
    if case is None:
        # The action took the case out of the user's hands (a handler returned it).
        if not request.htmx:
            messages.success(request, flash[1])
            return redirect("cases:queue")
        return render(request, "cases/partials/case_gone.html", {"flash": flash, "ref": reference})
    context = panel_context(request, case, flash=flash, bound=bound)
    if request.htmx:
        return render(request, "cases/partials/case_panel.html", context, status=status)
    context["map_config"] = _map_config(case)
    return render(request, "cases/case_detail.html", context, status=status)


def _guarded(request, reference, action, form, call):
    """Run ``call`` if the form is valid and turn the service's answer into a response."""
    if not form.is_valid():
        flash = ("error", _("Please correct the marked fields."))
        return _answer(request, reference, flash=flash, status=422, bound={action: form})
    try:
        done = call(form.cleaned_data)
    except CaseConflict as exc:
        return _answer(request, reference, flash=("conflict", exc.message), status=409)
    except ValidationError as exc:
        put_errors_on_form(form, exc)
        flash = ("error", _("Please correct the marked fields."))
        return _answer(request, reference, flash=flash, status=422, bound={action: form})
    except PermissionDenied as exc:
        flash = ("error", str(exc) or _("You may not do this to this case."))
        return _answer(request, reference, flash=flash, status=403)
    return _answer(request, reference, flash=("success", done), status=200)


@login_required
@require_POST
def case_act(request, reference, action):
    """Take one workflow action on the case."""
    if action not in FORMS:
        raise Http404
    case = staff_case(request.user, reference)
    if case is None:
        raise Http404
    form = FORMS[action](request.POST, request.FILES, case=case, user=request.user, prefix=action)

    def call(data):
        moved = run_action(action, case=case, user=request.user, data=data)
        return DONE[action] % {"ref": moved.reference}

    return _guarded(request, case.reference, action, form, call)


@login_required
@require_POST
def case_note(request, reference):
    """Add a note to the timeline."""
    case = staff_case(request.user, reference)
    if case is None:
        raise Http404

    def call(data):
        s.case_comment(case=case, actor=request.user, text=data["text"], public=data["public"])
        return _("Note added.")

    return _guarded(
        request, case.reference, "note", CaseNoteForm(request.POST, prefix="note"), call
    )


@login_required
@require_POST
def case_followup(request, reference):
    """Record the answers of a follow-up call or visit (for phone and anonymous reports)."""
    case = staff_case(request.user, reference)
    if case is None:
        raise Http404

    def call(data):
        s.case_rate(
            case=case,
            by=request.user,
            contacted=data["contacted"],
            solved=data["solved"],
            satisfied=data["satisfied"],
            comment=data["comment"],
            channel=data["channel"],
        )
        return _("Follow-up of case %(ref)s recorded.") % {"ref": case.reference}

    return _guarded(
        request, case.reference, "followup", FollowupForm(request.POST, prefix="followup"), call
    )
