"""Which case policy applies at a node: the nearest one up the tree, else the global one."""

from __future__ import annotations

from django.db.models import Q

from gongzhi.cases.models import CasePolicy
from gongzhi.cases.recipients import ancestor_paths


def policy_for(node=None) -> CasePolicy:
    """The policy for cases at ``node`` (one query); unsaved defaults when none is stored."""
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
