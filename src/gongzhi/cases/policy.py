"""Which case policy applies at a node: the nearest one up the tree, else the global one."""

from __future__ import annotations

from django.db.models import Q

from gongzhi.cases.models import CasePolicy
from gongzhi.cases.recipients import ancestor_paths
from gongzhi.core import hotcache

_policies = hotcache.Memo("cases.policies")
hotcache.watch(CasePolicy)


def _nearest(node) -> CasePolicy:
    q = Q(is_global=True)
    if node is not None:
        q |= Q(node__path__in=ancestor_paths(node))
    best = None
    for policy in CasePolicy.objects.filter(q).select_related("node"):
        if policy.is_global:
            best = best or policy
        elif best is None or best.is_global or policy.node.depth > best.node.depth:
            best = policy
    return best or CasePolicy(is_global=True)


def policy_for(node=None) -> CasePolicy:
    """The policy for cases at ``node``; unsaved defaults when none is stored. One query, or
    none while it is cached in this process (``gongzhi.core.hotcache``)."""
    key = None if node is None else node.path
    return hotcache.fresh(_policies.get(key, lambda: _nearest(node)))
