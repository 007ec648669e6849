"""What the enforcement views share: running a service on a form, the user's places."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.errors import ProcedureConflict
from gongzhi.org.access import subtree_q, user_scope
from gongzhi.org.choices import Level
from gongzhi.org.models import Node

PLACE_LEVELS = (Level.STREET, Level.COMMUNITY, Level.GRID)


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form's fields (or the form when unknown)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def run_service(request, form, call):
    """Call the service; on refusal put the reason on the form (or in a message) and return
    None. ``PermissionDenied`` is left to Django (403)."""
    try:
        return call()
    except ValidationError as exc:
        add_errors(form, exc)
    except ProcedureConflict as exc:
        form.add_error(None, exc.message)
        messages.error(request, exc.message)
    return None


def places_for(user, permission: str = perms.VIEW) -> list[Node]:
    """Streets, communities and grids inside the user's reach for ``permission``."""
    nodes = Node.objects.filter(level__in=PLACE_LEVELS)
    scope = user_scope(user)
    if not scope.is_global:
        paths = scope.paths_for(permission)
        nodes = nodes.filter(subtree_q("", paths))
    return list(nodes.order_by("path").only("pk", "path", "depth", "name", "code", "level"))


def place_choices(nodes) -> list[tuple[str, str]]:
    if not nodes:
        return []
    top = min(n.depth for n in nodes)
    return [(n.code, "\u3000" * (n.depth - top) + n.name) for n in nodes]
