"""Public faces of other apps' records, built only through ``gongzhi.core.scrub``.

Every person's data and every piece of free text a resident typed passes through the scrubber
before it reaches a public page or a public API answer. Positions are rounded to the public
precision, and cases of a private category carry no position at all.
"""

from __future__ import annotations

from django.urls import reverse

from gongzhi.core import scrub


def _category_decimals(category) -> int | None:
    """How many decimals of a case's position the public may see; None: no position at all.

    Uses the category's own public precision when the cases app defines one (``is_private``
    hides the position, ``public_decimals`` caps the precision) and the platform's default
    otherwise; never more precise than the default."""
    if getattr(category, "is_private", False):
        return None
    decimals = getattr(category, "public_decimals", None)
    if decimals is None:
        return scrub.PUBLIC_DECIMALS
    return min(int(decimals), scrub.PUBLIC_DECIMALS)


def public_position(case) -> tuple[float | None, float | None]:
    if case.lat is None or case.lon is None:
        return None, None
    decimals = _category_decimals(case.category)
    if decimals is None:
        return None, None
    return scrub.round_coordinate(case.lat, decimals), scrub.round_coordinate(case.lon, decimals)


def _names(case) -> list[str]:
    names = [case.reporter_name]
    person = getattr(case, "reporter_person", None)
    if person is not None:
        names.append(person.name)
    return [n for n in names if n]


def case_text(case) -> str:
    """The case's description as the public may read it."""
    return scrub.scrub_text(" ".join(case.description.split()), names=_names(case))


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
        "address": scrub.public_address(case.address, names=_names(case)),
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
