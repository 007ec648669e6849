"""The registry of what the portal shows of each domain app.

Each section belongs to one app (``app``, a dotted app name). The portal renders a section —
its figures on a community's home, its block below them, its search results, its API lists —
only while ``django.apps.apps.is_installed(section.app)``; an app that is not installed has no
section at all, nothing empty or made up in its place.

The portal's built-in sections live one module per app in this package and are imported only
when their app is installed (``BUILTIN``). A new app gets its section by adding a module here
and a line to ``BUILTIN``; the domain app itself never imports the portal.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps

# app → the module that registers its section(s).
BUILTIN = {
    "gongzhi.portal": "gongzhi.portal.sections.stories",
    "gongzhi.cases": "gongzhi.portal.sections.cases",
    "gongzhi.volunteering": "gongzhi.portal.sections.volunteering",
    "gongzhi.points": "gongzhi.portal.sections.points",
    "gongzhi.org": "gongzhi.portal.sections.places",
    "gongzhi.participation": "gongzhi.portal.sections.participation",
    "gongzhi.charity": "gongzhi.portal.sections.charity",
}


@dataclass(frozen=True)
class Figure:
    """One live figure: computed from records, linking to the list behind it."""

    key: str
    label: str
    value: float | int | None
    display: str
    url: str
    unit: str = ""


@dataclass(frozen=True)
class Hit:
    """One search result."""

    type: str
    type_label: str
    title: str
    snippet: str
    url: str
    date: object = None


@dataclass(frozen=True)
class Section:
    """What one app contributes to the portal; every callable is optional.

    - ``figures(node, start, end) -> list[Figure]``: live figures for a place and period;
    - ``block(request, node) -> dict | None``: context for ``template`` on the place's home
      (None leaves the block out);
    - ``search(terms, node, limit) -> list[Hit]``: public records matching every term.
    """

    key: str
    app: str
    title: object
    order: int = 100
    figures: Callable | None = None
    template: str = ""
    block: Callable | None = None
    search: Callable | None = None
    extra: dict = field(default_factory=dict)

    @property
    def is_active(self) -> bool:
        return apps.is_installed(self.app)


_SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Add (or replace, by key) a section."""
    _SECTIONS[section.key] = section


def unregister_section(key: str) -> None:
    _SECTIONS.pop(key, None)


def active_sections() -> list[Section]:
    """The sections whose app is installed, in order."""
    return sorted((s for s in _SECTIONS.values() if s.is_active), key=lambda s: (s.order, s.key))


def load_builtin_sections() -> None:
    """Import the built-in section modules of the installed apps (from ``ready()``)."""
    for app, module in BUILTIN.items():
        if apps.is_installed(app):
            importlib.import_module(module)
