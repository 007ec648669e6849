"""Who a case can be dispatched to: the active parties bound at its node or above."""

from __future__ import annotations

from django.db.models import Q

from gongzhi.cases import permissions as perms
from gongzhi.cases.recipients import ancestor_paths
from gongzhi.org.access import subtree_q, user_scope
from gongzhi.org.models import Node, Party, PartyBinding, RoleAssignment
from gongzhi.org.roles import roles_with


def dispatch_parties(case) -> list[Party]:
    """Active parties serving the case's node (bound to it or above), the suggested one first,
    then the responsible force's, then nearest binding first (one query)."""
    bindings = (
        PartyBinding.objects.filter(node__path__in=ancestor_paths(case.node), party__is_active=True)
        .select_related("party", "node")
        .order_by("-node__depth", "party__name", "party_id")
    )
    force = case.category.responsible_force
    seen, parties = set(), []
    for binding in bindings:
        if binding.party_id not in seen:
            seen.add(binding.party_id)
            parties.append(binding.party)
    parties.sort(key=lambda p: (p.pk != case.routed_party_id, p.force != force))
    return parties


def parties_for_dispatcher(user) -> list[Party]:
    """Active parties bound within or above the subtrees where ``user`` may dispatch (for bulk
    dispatch; one query after the user's scope)."""
    qs = Party.objects.filter(is_active=True)
    scope = user_scope(user)
    if not scope.is_global:
        paths = scope.paths_for(perms.DISPATCH)
        if not paths:
            return []
        step = Node.steplen
        above = sorted({p[:i] for p in paths for i in range(step, len(p) + 1, step)})
        qs = qs.filter(subtree_q("bindings__node", paths) | Q(bindings__node__path__in=above))
    return list(qs.distinct().order_by("force", "name", "pk"))


def handlers_of(parties) -> list[tuple[Party, list]]:
    """[(party, [users who handle its cases])] for a dispatch form's handler choice (one query)."""
    parties = list(parties)
    by_party: dict[int, list] = {p.pk: [] for p in parties}
    for assignment in (
        RoleAssignment.objects.filter(
            party__in=parties, role__in=roles_with(perms.HANDLE) - {"admin"}
        )
        .select_related("user")
        .order_by("user__username", "pk")
    ):
        users = by_party[assignment.party_id]
        if assignment.user not in users:
            users.append(assignment.user)
    return [(p, by_party[p.pk]) for p in parties]
