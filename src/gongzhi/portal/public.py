"""Public faces of other apps' records, built only through ``gongzhi.core.scrub``.

Every person's data and every piece of free text a resident typed passes through the scrubber
before it reaches a public page or a public API answer. Positions are rounded to the public
precision, and cases of a private category carry no position at all.
"""

from __future__ import annotations

from django.urls import reverse

from gongzhi.cases import disclosure
from gongzhi.core import scrub


def public_position(case) -> tuple[float | None, float | None]:
    """The case's point as the public may see it, by its category's rule (the cases app's
    ``disclosure.public_point``: exact, about 100 m, or none for a private category)."""
    return disclosure.public_point(case.category.public_precision, case.lat, case.lon)


def case_text(case) -> str:
    """The case's description as the public may read it."""
    return disclosure.public_text(case, " ".join(case.description.split()))


def shorten(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def case_row(case) -> dict:
    """One public case for lists, the map and the API (expects category and node loaded)."""
    lat, lon = public_position(case)
    return {
        "reference": case.reference,
        "category": case.category.name,
        "state": case.state,
        "state_label": str(case.get_state_display()),
        "is_open": case.is_open,
        "summary": shorten(case_text(case)),
        "address": disclosure.public_address(case),
        "grid": case.node.name,
        "grid_code": case.node.code,
        "reported_at": case.reported_at,
        "closed_at": case.closed_at,
        "supports": case.support_count,
        "lat": lat,
        "lon": lon,
        "url": reverse("report:case", args=[case.reference]),
    }


def contact_card(contact) -> dict | None:
    """A grid's published contact card: the worker's public name and the work phone."""
    if contact is None or not contact.is_published:
        return None
    person = contact.person
    return {
        "grid": contact.node.name,
        "grid_code": contact.node.code,
        "name": scrub.public_name(person.name, is_public=person.public_name) if person else "",
        "work_phone": contact.work_phone,
        "duty_hours": contact.duty_hours,
    }
