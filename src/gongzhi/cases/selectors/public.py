"""What the public and residents may see of a case: masked, public timeline only."""

from __future__ import annotations

from django.db.models import Prefetch

from gongzhi.cases.choices import PhotoStage, State
from gongzhi.cases.models import Case, CaseEvent, CasePhoto
from gongzhi.core import masking

PUBLIC_STATES_HIDDEN = {State.REJECTED, State.MERGED}


def public_cases():
    """Cases the reporter chose to make public (rejected and merged ones left out)."""
    return (
        Case.objects.filter(is_public=True)
        .exclude(state__in=PUBLIC_STATES_HIDDEN)
        .select_related("category", "node")
        .prefetch_related(
            Prefetch(
                "photos",
                queryset=CasePhoto.objects.filter(stage__in=[PhotoStage.BEFORE, PhotoStage.AFTER]),
            ),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.filter(public=True).order_by("created_at", "id"),
            ),
        )
        .order_by("-reported_at", "-id")
    )


def public_case_for(user, reference: str) -> Case:
    """One case as its public page shows it: a public case (not rejected or merged) for anyone,
    or the user's own report whatever its state; 404 otherwise. Loaded like ``public_cases()``
    plus the ratings (for the rating form) and the reporter's person."""
    from django.db.models import Q
    from django.http import Http404

    q = Q(is_public=True) & ~Q(state__in=PUBLIC_STATES_HIDDEN)
    if getattr(user, "is_authenticated", False):
        q |= Q(reporter_user=user)
    queryset = (
        Case.objects.filter(q)
        .select_related("category", "node", "reporter_person")
        .prefetch_related(
            Prefetch("photos", queryset=CasePhoto.objects.order_by("created_at", "id")),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.filter(public=True).order_by("created_at", "id"),
            ),
            "ratings",
        )
    )
    try:
        return queryset.get(reference=str(reference)[:32])
    except Case.DoesNotExist as exc:
        raise Http404 from exc


def reporter_label(case) -> str:
    """The reporter as the public may see them: masked unless the person chose to be public."""
    if case.is_anonymous:
        return ""
    person = case.reporter_person
    if person is not None:
        return person.display_name
    return masking.mask_name(case.reporter_name)


def public_case_data(case) -> dict:
    """A case's public face: no phone, no e-mail, address down to the building, name masked,
    approximate location (about 100 m), public timeline only. Expects ``public_cases()``."""
    return {
        "reference": case.reference,
        "category": case.category.name,
        "category_code": case.category.code,
        "state": case.state,
        "state_label": case.get_state_display(),
        "description": case.description,
        "address": masking.mask_address(case.address),
        "grid": case.node.name,
        "lat": round(case.lat, 3) if case.lat is not None else None,
        "lon": round(case.lon, 3) if case.lon is not None else None,
        "reported_at": case.reported_at,
        "closed_at": case.closed_at,
        "supports": case.support_count,
        "reporter": reporter_label(case),
        "photos": [p for p in case.photos.all()],
        "timeline": [
            {
                "action": e.action,
                "at": e.created_at,
                "note": e.note if e.action in PUBLIC_NOTES else "",
            }
            for e in case.events.all()
            if e.public
        ],
    }


# Timeline notes written for the reporter to read (a rejection's reason, the resolution).
PUBLIC_NOTES = {"reject", "resolve", "park", "verify_pass", "merge"}
