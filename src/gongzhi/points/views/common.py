"""What the points pages share: who the resident is, which community the staff manage."""

from __future__ import annotations

from django.http import Http404

from gongzhi.org.access import can, subtree_q, user_scope
from gongzhi.org.choices import Level
from gongzhi.org.models import Node, Person
from gongzhi.points.permissions import MANAGE


def resident_of(user) -> Person | None:
    """The resident record linked to the login, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.select_related("node").filter(user=user).first()


def managed_community(user, code: str, permission: str = MANAGE) -> Node:
    """The community ``code`` if the user holds ``permission`` there; 404 otherwise."""
    node = Node.objects.filter(code=code, level=Level.COMMUNITY).first()
    if node is None or not can(user, permission, node):
        raise Http404
    return node


def communities_for(user, permission: str = MANAGE):
    """The communities where the user holds ``permission`` (for the staff's picker)."""
    communities = Node.objects.filter(level=Level.COMMUNITY)
    scope = user_scope(user)
    if scope.is_global:
        return communities
    return communities.filter(subtree_q("", scope.paths_for(permission)))
