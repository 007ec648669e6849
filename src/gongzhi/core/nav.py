"""Links in the top bar, contributed by the domain apps.

``core`` knows nothing about the apps above it, so each app registers its links from its
``AppConfig.ready()``::

    register_nav_link(
        "cases.report", url_name="report:new", label=_("Report a problem"), order=10
    )

``visible(request) -> bool`` leaves a link out for users it does not concern;
``badge(request) -> int`` adds a small count (unread notifications). Both run only when the
layout is rendered, once per request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavLink:
    name: str
    url_name: str
    label: object
    order: int = 100
    visible: Callable | None = None
    badge: Callable | None = None
    badge_label: object = ""
    # URL names ("cases:queue") or namespaces ("report") whose pages mark the link as current;
    # the link's own URL name when empty.
    sections: tuple = ()


@dataclass(frozen=True)
class RenderedLink:
    url: str
    label: str
    current: bool
    badge: int
    badge_label: str


_LINKS: dict[str, NavLink] = {}


def register_nav_link(name: str, *, url_name: str, label, order: int = 100, **options) -> None:
    """Add (or replace, by ``name``) a link in the top bar."""
    _LINKS[name] = NavLink(name=name, url_name=url_name, label=label, order=order, **options)


def nav_links(request) -> list[RenderedLink]:
    """The links this request's user should see, in order."""
    match = getattr(request, "resolver_match", None)
    here = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
    rendered = []
    for link in sorted(_LINKS.values(), key=lambda item: (item.order, item.name)):
        if link.visible is not None and not link.visible(request):
            continue
        sections = link.sections or (link.url_name,)
        current = bool(here) and (here in sections or match.namespace in sections)
        count = link.badge(request) if link.badge is not None else 0
        rendered.append(
            RenderedLink(
                url=reverse(link.url_name),
                label=str(link.label),
                current=current,
                badge=count,
                badge_label=str(link.badge_label) if count else "",
            )
        )
    return rendered
