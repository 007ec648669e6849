"""What the public and residents may see of a case: masked, public timeline only."""

from __future__ import annotations

from django.db.models import Prefetch

from gongzhi.cases import disclosure
from gongzhi.cases.choices import PhotoStage, State
from gongzhi.cases.models import Case, CaseEvent, CasePhoto
from gongzhi.core import scrub

PUBLIC_STATES_HIDDEN = {State.REJECTED, State.MERGED}
# What a public rendering reads besides the case: the reporter's person and login give the
# names masked in its text (``disclosure.names_on_record``).
PUBLIC_RELATED = ("category", "node", "reporter_person", "reporter_user")


def public_cases():
    """Cases the reporter chose to make public (rejected and merged ones left out)."""
    return (
        Case.objects.filter(is_public=True)
        .exclude(state__in=PUBLIC_STATES_HIDDEN)
        .select_related(*PUBLIC_RELATED)
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
        .select_related(*PUBLIC_RELATED)
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
    return scrub.public_name(case.reporter_name)


def public_case_data(case) -> dict:
    """A case's public face: no phone, no e-mail, free text scrubbed of people's data, address
    down to the building, name masked, the point as precise as the category allows, public
    timeline only. Expects ``public_cases()`` (asks the database nothing more)."""
    lat, lon = disclosure.public_point(case.category.public_precision, case.lat, case.lon)
    return {
        "reference": case.reference,
        "category": case.category.name,
        "category_code": case.category.code,
        "state": case.state,
        "state_label": case.get_state_display(),
        "description": disclosure.public_text(case, case.description),
        "address": disclosure.public_address(case),
        "grid": case.node.name,
        "lat": lat,
        "lon": lon,
        "reported_at": case.reported_at,
        "closed_at": case.closed_at,
        "supports": case.support_count,
        "reporter": reporter_label(case),
        "photos": [p for p in case.photos.all()],
        "timeline": [
            {
                "action": e.action,
                "at": e.created_at,
                "note": disclosure.public_text(case, e.note) if e.action in PUBLIC_NOTES else "",
            }
            for e in case.events.all()
            if e.public
        ],
    }


# Timeline notes written for the reporter to read (a rejection's reason, the resolution).
PUBLIC_NOTES = {"reject", "resolve", "park", "verify_pass", "merge"}
