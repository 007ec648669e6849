"""What the public may see of a case: the publication policy, the public point and the public
text. Every public surface (the public case page, Open311, the public API) goes through here,
and through ``gongzhi.core.scrub`` for people's data typed into free text.

Publication (per category, ``Category.publication``):

- ``public``: a report is published as it arrives when its reporter agreed (the web form's
  "show publicly" box, the public API's ``is_public``);
- ``review``: it stays private until staff publish it (``case_publish``), and only when the
  reporter did not refuse;
- ``never``: it is never published.

Reports from channels whose reporter never saw our form (Open311 clients, 12345 work orders)
are private on arrival whatever the category says; staff may publish them after review unless
the category forbids it or the reporter refused.

The public point (per category, ``Category.public_precision``): exact, rounded to
``PUBLIC_DECIMALS`` (about 100 m), or hidden.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.utils.translation import gettext as _

from gongzhi.cases.choices import REVIEWED_CHANNELS, Publication, PublicPrecision
from gongzhi.core import scrub


def published_on_arrival(*, category, channel: str, consent: bool | None) -> bool:
    """Is a new report shown publicly at once?"""
    return (
        consent is True
        and category.publication == Publication.PUBLIC
        and channel not in REVIEWED_CHANNELS
    )


def why_not_publishable(case) -> str:
    """Why staff may not publish ``case`` (empty when they may)."""
    if case.category.publication == Publication.NEVER:
        return _("Reports of the category %(category)s are never published.") % {
            "category": case.category.name
        }
    if case.publish_consent is False:
        return _("The reporter asked for this report not to be published.")
    return ""


def awaiting_review(case) -> bool:
    """Private, but staff could publish it."""
    return not case.is_public and not why_not_publishable(case)


def public_point(precision: str, lat, lon) -> tuple[float | None, float | None]:
    """The point as the public sees it, by the category's rule (``Category.public_precision``)."""
    if lat is None or lon is None:
        return None, None
    if precision == PublicPrecision.HIDDEN:
        return None, None
    if precision == PublicPrecision.EXACT:
        return lat, lon
    return (
        scrub.round_coordinate(lat, scrub.PUBLIC_DECIMALS),
        scrub.round_coordinate(lon, scrub.PUBLIC_DECIMALS),
    )


def names_on_record(case) -> tuple[str, ...]:
    """The names of the people on the case's record, to be masked where they occur in its
    text: the reporter as typed, the reporter's person and login. Uses what the selector loaded
    (``reporter_person``, ``reporter_user``); asks the database nothing when those are loaded
    or empty."""
    person = case.reporter_person if case.reporter_person_id else None
    if person is not None and person.public_name:
        return ()  # the reporter chose to be named publicly
    names = [case.reporter_name]
    if person is not None:
        names.append(person.name)
    if case.reporter_user_id:
        user = case.reporter_user  # first and last name only: Open311 pages read just those
        names += [f"{user.first_name} {user.last_name}", f"{user.last_name}{user.first_name}"]
    return tuple(n.strip() for n in dict.fromkeys(names) if n and n.strip())


def reporters_of(rows) -> dict[int, tuple]:
    """For ``.values()`` rows of cases (``id``, ``reporter_person_id``, ``reporter_user_id``):
    by case id, stand-ins for the reporter's person and user carrying what
    ``names_on_record`` reads of them, in one query for the rows that have a reporter (none
    when no row has one). Lists read them apart from their page: joined into it, they made
    PostgreSQL plan two more joins on every page."""
    from gongzhi.cases.models import Case

    ids = [r["id"] for r in rows if r["reporter_person_id"] or r["reporter_user_id"]]
    if not ids:
        return {}
    found = Case.objects.filter(pk__in=ids).values_list(
        "pk",
        "reporter_person_id",
        "reporter_person__name",
        "reporter_person__public_name",
        "reporter_user_id",
        "reporter_user__first_name",
        "reporter_user__last_name",
    )
    return {
        pk: (
            SimpleNamespace(name=name, public_name=public) if person_id else None,
            SimpleNamespace(first_name=first, last_name=last) if user_id else None,
        )
        for pk, person_id, name, public, user_id, first, last in found
    }


def public_text(case, text: str) -> str:
    """Free text of the case (description, notes) fit for the public."""
    return scrub.scrub_text(text or "", names=names_on_record(case))


def public_summary(case, length: int = 40) -> str:
    """The first words of the description for the public (scrubbed before it is cut, so that
    no half of a number survives the cut)."""
    text = " ".join(public_text(case, case.description).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def public_address(case) -> str:
    """The case's address for the public: the building at most, scrubbed."""
    return scrub.public_address(case.address or "", names=names_on_record(case))
