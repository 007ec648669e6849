"""Panels on a signed-in user's home page, contributed by the domain apps.

``core`` knows nothing about the apps above it, so each app registers what it wants to show
from its ``AppConfig.ready()``::

    register_panel("org.roles", template="org/panels/roles.html", context=my_roles_context, order=10)

``context(request)`` returns a dict for the template, or ``None`` to leave the panel out for this
user (nothing to show, or no permission).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


_PANELS: dict[str, Panel] = {}


def register_panel(name: str, *, template: str, context: Callable, order: int = 100) -> None:
    """Add (or replace, by ``name``) a panel on the home page of signed-in users."""
    _PANELS[name] = Panel(name=name, template=template, context=context, order=order)


def render_panels(request) -> list[str]:
    """The HTML of every panel that has something to show to ``request.user``, in order."""
    rendered = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(request)
        if context is None:
            continue
        rendered.append(render_to_string(panel.template, context, request=request))
    return rendered
