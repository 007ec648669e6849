"""The staff revisit page (回头看): revisits due, coming and done, with the relapses' new cases."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from gongzhi.cases import permissions as perms
from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.forms.revisits import RevisitForm
from gongzhi.cases.models import Revisit
from gongzhi.cases.selectors.revisits import SHOWS, revisit_list, revisit_outcomes
from gongzhi.cases.services import revisit_record
from gongzhi.cases.views.common import put_errors_on_form, require_anywhere
from gongzhi.org.access import can, get_for

PAGE_SIZE = 50
TABS = [
    ("due", gettext_lazy("Due")),
    ("upcoming", pgettext_lazy("revisits", "Coming up")),
    ("done", gettext_lazy("Done")),
]


def _render(request, show, *, form_for=None, form=None, status=200):
    user = request.user
    page = Paginator(revisit_list(user, show), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for revisit in page.object_list:
        may_record = revisit.done_at is None and (
            user.is_superuser or can(user, perms.REVISIT, revisit.case.node)
        )
        rows.append(
            {
                "revisit": revisit,
                "may_record": may_record,
                "form": form
                if form_for == revisit.pk
                else (RevisitForm(prefix=f"r{revisit.pk}") if may_record else None),
            }
        )
    context = {
        "show": show,
        "tabs": TABS,
        "page": page,
        "rows": rows,
        "outcomes": revisit_outcomes(user),
    }
    return render(request, "cases/revisits.html", context, status=status)


@login_required
def revisit_page(request):
    """Revisits the user may see; those they may record carry the form."""
    require_anywhere(request.user, perms.VIEW)
    show = request.GET.get("show", "due")
    return _render(request, show if show in SHOWS else "due")


@login_required
@require_POST
def revisit_done(request, pk):
    """Record one revisit: the fix holds, or the problem is back (which opens a linked case)."""
    revisit = get_for(request.user, Revisit.objects.select_related("case__node"), pk=pk)
    if not (request.user.is_superuser or can(request.user, perms.REVISIT, revisit.case.node)):
        raise PermissionDenied(_("You may not record revisits here."))
    form = RevisitForm(request.POST, request.FILES, prefix=f"r{revisit.pk}")
    if not form.is_valid():
        return _render(request, "due", form_for=revisit.pk, form=form, status=400)
    data = form.cleaned_data
    try:
        done = revisit_record(
            revisit=revisit,
            actor=request.user,
            relapsed=data["outcome"] == "relapsed",
            note=data["note"],
            description=data["description"],
            photos=data["photos"],
        )
    except CaseConflict as exc:
        messages.error(request, exc.message)
        return redirect("cases:revisits")
    except ValidationError as exc:
        put_errors_on_form(form, exc)
        return _render(request, "due", form_for=revisit.pk, form=form, status=400)
    if done.linked_case is not None:
        messages.warning(
            request,
            _("Revisit of %(ref)s recorded: the problem is back, new case %(new)s.")
            % {"ref": done.case.reference, "new": done.linked_case.reference},
        )
    else:
        messages.success(
            request, _("Revisit of %(ref)s recorded: the fix holds.") % {"ref": done.case.reference}
        )
    return redirect("cases:revisits")
