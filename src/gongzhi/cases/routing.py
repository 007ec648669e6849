"""Routing a case: its node and category → the responsible force → the party bound nearest up
the tree; where there is none, the community's dispatcher queue. The result is stored on the
case as data and as a sentence that explains it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from gongzhi.org import cached
from gongzhi.org.choices import Force, Level


def route(*, node, category) -> dict:
    """Where a case in ``category`` at ``node`` should go, as JSON-ready data (the node chain
    and the binding come from the per-process org cache: no query when they are cached)."""
    chain = cached.chain(node)
    community = next((n for n in chain if n.level == Level.COMMUNITY), chain[0])
    place = [n.name for n in chain if n.depth >= community.depth]
    binding = cached.nearest_binding(node, category.responsible_force)
    data = {
        "node": {"code": node.code, "name": node.name},
        "place": place,
        "category": {"code": category.code, "name": category.name},
        "force": category.responsible_force,
        "party": None,
        "bound_node": None,
        "queue": {"code": community.code, "name": community.name},
    }
    if binding is not None:
        data["party"] = {"id": binding.party_id, "name": binding.party.name}
        data["bound_node"] = {"code": binding.node.code, "name": binding.node.name}
    return data


def routing_sentence(data: dict) -> str:
    """The routing explained in the active language."""
    if not data:
        return ""
    force = Force(data["force"]).label if data.get("force") in Force.values else data.get("force")
    values = {
        "place": " ".join(data["place"]),
        "category": data["category"]["name"],
        "force": force,
        "node": data["node"]["name"],
    }
    if data.get("party") is None:
        values["queue"] = data["queue"]["name"]
        return (
            _(
                "%(place)s → %(category)s → the dispatcher queue of %(queue)s, because "
                "%(category)s is the responsibility of the %(force)s and none is bound to "
                "%(node)s or above it"
            )
            % values
        )
    values["party"] = data["party"]["name"]
    values["bound"] = data["bound_node"]["name"]
    if data["bound_node"]["code"] == data["node"]["code"]:
        return (
            _(
                "%(place)s → %(category)s → %(party)s, because %(category)s is the "
                "responsibility of the %(force)s and it is bound to %(bound)s"
            )
            % values
        )
    return (
        _(
            "%(place)s → %(category)s → %(party)s, because %(category)s is the responsibility "
            "of the %(force)s and it is bound to %(bound)s (above %(node)s)"
        )
        % values
    )
