"""Writes to the six forces' parties, partner units and the party tree (committee → branch →
group → hub household).

Like ``org.services``: keyword-only, checked input, one transaction, one audit entry each.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.choices import PARTY_ORG_LEVEL, Level, PartyOrgKind
from gongzhi.org.models import (
    Household,
    HubHousehold,
    Node,
    PartnerUnit,
    Party,
    PartyBinding,
    PartyOrg,
    Person,
)


def party_create(
    *, name: str, force: str, contact_name="", phone="", address="", actor=None
) -> Party:
    """Register a party of one of the six forces (it serves nothing until bound to nodes)."""
    party = Party(name=name, force=force, contact_name=contact_name, phone=phone, address=address)
    party.full_clean()
    with transaction.atomic():
        party.save()
        log_action("org.party.created", actor=actor, obj=party, new={"name": name, "force": force})
    return party


def party_bind(*, party: Party, node: Node, actor=None) -> PartyBinding:
    """Let ``party`` serve ``node`` and its subtree; binding twice changes nothing."""
    with transaction.atomic():
        binding, created = PartyBinding.objects.get_or_create(party=party, node=node)
        if created:
            log_action(
                "org.party.bound",
                actor=actor,
                obj=party,
                new={"node": node.code, "force": party.force},
            )
    return binding


def _within(node: Node, ancestor: Node) -> bool:
    return node.path.startswith(ancestor.path)


def party_org_create(
    *, node: Node, kind: str, name: str, secretary: Person | None = None, actor=None
) -> PartyOrg:
    """Set up the party organisation of ``node``: committee, branch or group, by level."""
    if kind not in PARTY_ORG_LEVEL:
        raise ValidationError(
            {"kind": _("Unknown kind of party organisation: %(k)s") % {"k": kind}}
        )
    if node.level not in PARTY_ORG_LEVEL[kind]:
        raise ValidationError(
            {
                "kind": _("A %(kind)s cannot be set up on a %(level)s.")
                % {"kind": PartyOrgKind(kind).label, "level": Level(node.level).label}
            }
        )
    if secretary is not None:
        if not secretary.party_member_kind:
            raise ValidationError({"secretary": _("The secretary must be a party member.")})
        if not _within(secretary.node, node):
            raise ValidationError(
                {"secretary": _("The secretary must belong to %(node)s.") % {"node": node.name}}
            )
    org = PartyOrg(node=node, kind=kind, name=name, secretary=secretary)
    org.full_clean()
    with transaction.atomic():
        org.save()
        log_action(
            "org.party_org.created",
            actor=actor,
            obj=org,
            new={
                "node": node.code,
                "kind": kind,
                "name": name,
                "secretary": secretary.pk if secretary else None,
            },
        )
    return org


def _grid_of(node: Node) -> Node:
    """The grid a node lies in (itself when it is one)."""
    if node.level == Level.GRID:
        return node
    grid = node.ancestors().filter(level=Level.GRID).first()
    return grid or node


def hub_household_create(
    *,
    household: Household,
    member: Person,
    group: PartyOrg,
    looked_after=(),
    actor=None,
) -> HubHousehold:
    """Make ``household`` a hub household (党员中心户) of party group ``group``.

    The member must be a party member living in the household; the household must lie under
    the group's node; the households it looks after must lie in the same grid.
    """
    if group.kind != PartyOrgKind.GROUP:
        raise ValidationError({"group": _("A hub household belongs to a party group.")})
    if not member.party_member_kind:
        raise ValidationError({"member": _("The hub household's member must be a party member.")})
    if member.household_id != household.pk:
        raise ValidationError({"member": _("The party member must live in the hub household.")})
    building = household.building
    if not _within(building, group.node):
        raise ValidationError(
            {"household": _("The household must lie in %(node)s.") % {"node": group.node.name}}
        )
    looked_after = list(looked_after)
    grid = _grid_of(building)
    for other in looked_after:
        if other.pk == household.pk:
            raise ValidationError({"looked_after": _("A hub household cannot look after itself.")})
        if not _within(other.building, grid):
            raise ValidationError(
                {
                    "looked_after": _("%(household)s lies outside %(grid)s.")
                    % {"household": other, "grid": grid.name}
                }
            )
    with transaction.atomic():
        hub = HubHousehold(household=household, member=member, group=group)
        hub.full_clean()
        hub.save()
        hub.looked_after.set(looked_after)
        log_action(
            "org.hub_household.created",
            actor=actor,
            obj=hub,
            new={
                "household": household.pk,
                "member": member.pk,
                "group": group.pk,
                "looked_after": [h.pk for h in looked_after],
            },
        )
    return hub


def partner_unit_create(
    *, name: str, kind: str, node: Node, contact_name="", phone="", address="", actor=None
) -> PartnerUnit:
    """Register a partner unit (共建单位) or street merchant (沿街商户) of a grid."""
    unit = PartnerUnit(
        name=name,
        kind=kind,
        node=node,
        contact_name=contact_name,
        phone=phone,
        address=address,
    )
    unit.full_clean()
    with transaction.atomic():
        unit.save()
        log_action(
            "org.partner_unit.created",
            actor=actor,
            obj=unit,
            new={"name": name, "kind": kind, "node": node.code},
        )
    return unit
