"""The access chokepoint: who may see and do what, where.

Every view and API reads protected objects through ``Model.objects.visible_to(user)`` or
``get_for(user, Model, ...)``; permission to act is asked of ``can(user, permission, node)``.
A role held on a node covers its subtree. A missing and a forbidden object both answer 404.

A model opts in by using ``ScopedQuerySet`` (or a subclass) as its manager and declaring:

- ``scope_node_field``: the lookup from the model to its ``Node`` (``"node"``, ``"building"``,
  ``"case__node"``…);
- ``view_permission``: the permission code that lets a role see it;
- optionally ``extra_visibility(cls, user, scope) -> Q``: what a user sees besides their
  subtree (their own reports, cases dispatched to their party).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.http import Http404

from gongzhi.org.roles import role_grants

_SCOPE_CACHE_ATTR = "_gongzhi_scope"


@dataclass(frozen=True)
class Grant:
    """A role held on a node; or, for an API key, an explicit set of permissions on a node."""

    role: str
    node_id: int
    path: str
    party_id: int | None
    permissions: frozenset[str] | None = None

    def grants(self, permission: str) -> bool:
        if self.permissions is not None:
            return permission in self.permissions or "*" in self.permissions
        return role_grants(self.role, permission)


@dataclass
class UserScope:
    """What one user holds: their role grants, resolved once per request."""

    user_id: int | None
    is_global: bool = False
    grants: list[Grant] = field(default_factory=list)

    def paths_for(self, permission: str) -> list[str]:
        paths = sorted({g.path for g in self.grants if g.grants(permission)})
        # Drop paths already covered by a shorter one.
        kept: list[str] = []
        for path in paths:
            if not any(path.startswith(k) for k in kept):
                kept.append(path)
        return kept

    def party_ids(self) -> set[int]:
        return {g.party_id for g in self.grants if g.party_id}

    def roles(self) -> set[str]:
        return {g.role for g in self.grants}

    def allows(self, permission: str, path: str) -> bool:
        if self.is_global:
            return True
        return any(path.startswith(p) for p in self.paths_for(permission))


def user_scope(user) -> UserScope:
    """The user's grants, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return UserScope(user_id=None)
    cached = getattr(user, _SCOPE_CACHE_ATTR, None)
    if cached is not None:
        return cached
    from gongzhi.org.models import RoleAssignment

    grants = [
        Grant(role=a.role, node_id=a.node_id, path=a.node.path, party_id=a.party_id)
        for a in RoleAssignment.objects.filter(user=user).select_related("node")
    ]
    scope = UserScope(user_id=user.pk, is_global=bool(user.is_superuser), grants=grants)
    setattr(user, _SCOPE_CACHE_ATTR, scope)
    return scope


def set_scope(user, scope: UserScope) -> None:
    """Fix the scope a request acts with (an API key narrows its service user's reach)."""
    setattr(user, _SCOPE_CACHE_ATTR, scope)


def forget_scope(user) -> None:
    """Drop the cached scope after the user's roles changed."""
    if user is not None and hasattr(user, _SCOPE_CACHE_ATTR):
        delattr(user, _SCOPE_CACHE_ATTR)


def subtree_q(lookup: str, paths: list[str]) -> Q:
    """Objects whose node (reached by ``lookup``) lies in any of the subtrees at ``paths``.

    Through a relation it is ``<lookup> IN (SELECT id FROM org_node WHERE path LIKE …)``
    rather than a join on the node's path: the database answers the subquery once from the
    path index and tests each row against it, and a list stays an index walk in its own order.
    Joined, the path test sat in an OR with the other visibility terms (a user's own reports)
    and PostgreSQL, misjudging how many rows it keeps, sorted the whole table for a page of
    100 (docs/performance.md)."""
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    if not lookup or not paths:
        return q
    from gongzhi.org.models import Node

    return Q(**{f"{lookup}__in": Node.objects.filter(q).values("pk")})


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to what a user may see."""

    def visible_to(self, user, permission: str | None = None):
        model = self.model
        scope = user_scope(user)
        if scope.is_global:
            return self
        perm = permission or model.view_permission
        q = subtree_q(model.scope_node_field, scope.paths_for(perm))
        extra = getattr(model, "extra_visibility", None)
        if extra is not None and user is not None and user.is_authenticated:
            q |= extra(user, scope)
        return self.filter(q)


def get_for(user, model_or_queryset, permission: str | None = None, **lookup):
    """One object the user may see, or 404 — the same 404 whether it is missing or forbidden."""
    if isinstance(model_or_queryset, models.QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    try:
        return queryset.visible_to(user, permission).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can(user, permission: str, node) -> bool:
    """May ``user`` do ``permission`` at ``node`` (through a role on it or above it)?"""
    return user_scope(user).allows(permission, node.path)


def require(user, permission: str, node) -> None:
    """Raise ``PermissionDenied`` unless ``can(user, permission, node)``."""
    from django.core.exceptions import PermissionDenied

    if not can(user, permission, node):
        raise PermissionDenied(permission)
