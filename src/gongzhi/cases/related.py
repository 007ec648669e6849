"""Panels that other apps add to the staff case page ("this case came from council X").

``cases`` imports no app above it, so an app that links its own records to cases registers a
panel from its ``AppConfig.ready()``::

    register_case_panel("participation.origin", template="…/case_origin.html", context=func)

``context(request, case)`` returns a dict for the template, or ``None`` to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class CasePanel:
    name: str
    template: str
    context: Callable
    order: int = 100


_PANELS: dict[str, CasePanel] = {}


def register_case_panel(name: str, *, template: str, context: Callable, order: int = 100) -> None:
    """Add (or replace, by ``name``) a panel on the case page."""
    _PANELS[name] = CasePanel(name=name, template=template, context=context, order=order)


def render_case_panels(request, case) -> list[str]:
    """The HTML of every registered panel that has something to say about ``case``."""
    rendered = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(request, case)
        if context is None:
            continue
        rendered.append(
            render_to_string(panel.template, {**context, "case": case}, request=request)
        )
    return rendered
