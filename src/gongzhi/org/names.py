"""How a person is named wherever a login appears: their name, never the login.

Staff pages show ``display_name(user)``: the name of the person behind the login (``Person``),
else the name on the login itself (``first_name``/``last_name``, which is where a resident who
signed in by phone keeps the name they chose). Public pages show ``public_display_name(user)``,
the masked form (张*明) unless the person chose to be public. The login (username) is never
shown; a login with no name at all reads "unnamed user".
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from gongzhi.core.scrub import public_name


def _person(user):
    try:
        return user.person
    except (ObjectDoesNotExist, AttributeError):
        return None


def display_name(user) -> str:
    if user is None:
        return ""
    person = _person(user)
    if person is not None and person.name:
        return person.name
    full = " ".join(part for part in (user.first_name, user.last_name) if part).strip()
    return full or _("unnamed user")


def public_display_name(user) -> str:
    if user is None:
        return ""
    person = _person(user)
    if person is not None and person.name:
        return person.display_name
    full = " ".join(part for part in (user.first_name, user.last_name) if part).strip()
    return public_name(full) if full else _("resident")
