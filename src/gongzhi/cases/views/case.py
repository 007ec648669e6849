"""The staff and handler case page: map, photos, routing, timeline, SLA, and the actions the
user may take, as htmx forms that swap the case panel."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from gongzhi.cases import disclosure
from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import FINAL_STATES, Action, PhotoStage
from gongzhi.cases.forms.actions import BUTTONS, FORMS, CaseNoteForm, FollowupForm
from gongzhi.cases.models import Rating
from gongzhi.cases.related import render_case_panels
from gongzhi.cases.selectors import (
    available_actions,
    case_for,
    case_sla,
    case_timeline,
    duplicates_of,
    rating_due,
)
from gongzhi.cases.services.common import acts_for_party
from gongzhi.cases.services.disclosure import may_view_original
from gongzhi.cases.views.common import works_on
from gongzhi.org.access import can

# Actions that end or set back a case: drawn as secondary buttons, below the main ones.
SECONDARY = {Action.REJECT, Action.MERGE, Action.PARK, Action.RETURN, Action.VERIFY_FAIL}


def staff_case(user, reference):
    """The case for its staff page; ``None`` when the user only reported it (404 when they
    may not see it at all)."""
    case = case_for(user, reference)
    return case if works_on(user, case) else None


def _may_note(user, case) -> bool:
    if case.state in FINAL_STATES:
        return False
    return (
        getattr(user, "is_superuser", False)
        or can(user, perms.COMMENT, case.node)
        or acts_for_party(user, case, perms.COMMENT)
    )


def _may_publish(user, case) -> bool:
    return getattr(user, "is_superuser", False) or can(user, perms.PUBLISH, case.node)


def _may_followup(user, case) -> bool:
    return (getattr(user, "is_superuser", False) or can(user, perms.FOLLOWUP, case.node)) and (
        rating_due(case)
    )


def panel_context(request, case, *, flash=None, bound=None, now=None) -> dict:
    """Everything the case panel shows, for ``request.user``."""
    user = request.user
    bound = bound or {}
    actions = []
    for action in available_actions(user, case):
        # Each form has its action as prefix: several sit on one page, their ids must not clash.
        form = bound.get(action) or FORMS[action](case=case, user=user, prefix=action)
        actions.append(
            {
                "action": action,
                "label": BUTTONS[action],
                "form": form,
                "open": action in bound,
                "secondary": action in SECONDARY,
                "url": reverse("cases:case_act", args=[case.reference, action]),
                "multipart": action == Action.RESOLVE,
            }
        )
    # The step forward first (accept, dispatch, resolve, verify), the ways aside after it.
    actions.sort(key=lambda a: a["secondary"])
    photos = list(case.photos.all())
    may_merge = any(a["action"] == Action.MERGE for a in actions)
    return {
        "case": case,
        "flash": flash,
        "actions": actions,
        "sla": case_sla(case, now or timezone.now()),
        "timeline": list(case_timeline(case)),
        "answers": list(case.answers.all()),
        "photos_before": [p for p in photos if p.stage == PhotoStage.BEFORE],
        "photos_after": [p for p in photos if p.stage == PhotoStage.AFTER],
        "photos_revisit": [p for p in photos if p.stage == PhotoStage.REVISIT],
        "duplicates": duplicates_of(case) if may_merge else [],
        # The page shows the report scrubbed, as the public would read it; the original text
        # and the reporter's contacts come only through the audited "show original" action.
        "shown": {
            "description": disclosure.public_text(case, case.description),
            "address": disclosure.public_address(case),
            "resolution_note": disclosure.public_text(case, case.resolution_note),
        },
        "may_view_original": may_view_original(user, case),
        "may_publish": _may_publish(user, case),
        "publication_blocked": disclosure.why_not_publishable(case),
        "ratings": list(Rating.objects.filter(case=case).order_by("-closing_seq")),
        "note_form": bound.get("note")
        or (CaseNoteForm(prefix="note") if _may_note(user, case) else None),
        "followup_form": bound.get("followup")
        or (FollowupForm(prefix="followup") if _may_followup(user, case) else None),
        "audit_url": _audit_url(user, case),
    }


def _audit_url(user, case) -> str:
    """The case's own audit trail, for those who may read the audit where it lies."""
    if not (user.is_superuser or can(user, "org.view_audit", case.node)):
        return ""
    return f"{reverse('org:audit')}?{urlencode({'type': 'cases.case', 'id': case.pk})}"


def _map_config(case) -> dict:
    outline = None
    if case.node.boundary:
        outline = {"type": "Feature", "geometry": case.node.boundary, "properties": {}}
    return {
        "tileUrl": settings.GONGZHI_MAP_TILE_URL,
        "tileAttribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION,
        "point": [case.lat, case.lon] if case.lat is not None else None,
        "outline": outline,
    }


@login_required
@require_GET
def case_detail(request, reference):
    """The case page (``Case.get_absolute_url``). A reporter without a role on the case is sent
    to their own page of it."""
    case = staff_case(request.user, reference)
    if case is None:
        return redirect("report:case", reference=reference)
    context = panel_context(request, case)
    context["map_config"] = _map_config(case)
    context["related_panels"] = render_case_panels(request, case)
    return render(request, "cases/case_detail.html", context)


@login_required
@require_GET
def case_panel(request, reference):
    """The case panel alone, fresh (htmx refresh)."""
    case = staff_case(request.user, reference)
    if case is None:
        return redirect("report:case", reference=reference)
    return render(request, "cases/partials/case_panel.html", panel_context(request, case))
