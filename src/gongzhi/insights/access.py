"""Which node a request may read figures for, and the filters it asks for, checked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from gongzhi.insights.permissions import VIEW
from gongzhi.org.access import can
from gongzhi.org.models import Node


def node_for(user, code: str, permission: str = VIEW) -> Node:
    """The node ``code`` if ``user`` may read its figures; 404 for unknown and forbidden alike."""
    node = Node.objects.filter(code=str(code or "")[:64]).first()
    if node is None or not can(user, permission, node):
        raise Http404(code)
    return node


def default_node(user, permission: str = VIEW) -> Node | None:
    """The highest node the user may read figures for (the cockpit's landing page)."""
    from gongzhi.org.access import user_scope

    scope = user_scope(user)
    if scope.is_global:
        return Node.get_root_nodes().first()
    paths = scope.paths_for(permission)
    if not paths:
        return None
    return Node.objects.filter(path__in=paths).order_by("depth", "path").first()


def clean_filters(*, force=None, category=None, programme=None) -> dict:
    """The optional filters, validated (unknown values are a 400 naming the field)."""
    from gongzhi.org.choices import Force

    filters = {}
    if force:
        if force not in Force.values:
            raise ValidationError({"force": _("Unknown force: %(value)s.") % {"value": force}})
        filters["force"] = force
    if category:
        from gongzhi.cases.models import Category

        if not Category.objects.filter(code=str(category)[:40]).exists():
            raise ValidationError(
                {"category": _("Unknown category: %(value)s.") % {"value": category}}
            )
        filters["category"] = category
    if programme:
        try:
            filters["programme"] = int(programme)
        except (TypeError, ValueError):
            raise ValidationError({"programme": _("Give the programme as its number.")}) from None
    return filters
