"""Writes to service teams and their membership."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.volunteering.choices import TeamRole
from gongzhi.volunteering.models import ServiceTeam, TeamMembership
from gongzhi.volunteering.permissions import can_manage


def _require_manage(actor, node) -> None:
    if actor is not None and not can_manage(actor, node):
        raise PermissionDenied(_("You may not manage service teams here."))


def team_create(*, node, name: str, description: str = "", labels=(), actor=None) -> ServiceTeam:
    """Found a service team serving ``node``."""
    _require_manage(actor, node)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("A team needs a name.")})
    with transaction.atomic():
        if ServiceTeam.objects.filter(node=node, name=name).exists():
            raise ValidationError(
                {
                    "name": _("%(node)s already has a team called %(name)s.")
                    % {"node": node, "name": name}
                }
            )
        team = ServiceTeam(node=node, name=name, description=description)
        team.full_clean()
        team.save()
        team.labels.set(labels)
        log_action(
            "volunteering.team.created",
            actor=actor,
            obj=team,
            new={"name": name, "node": node.code, "labels": [label.pk for label in labels]},
        )
    return team


def team_member_set(
    *,
    team: ServiceTeam,
    person,
    role: str = TeamRole.MEMBER,
    joined_on: date | None = None,
    actor=None,
) -> TeamMembership:
    """Add ``person`` to ``team`` or change their role in it."""
    _require_manage(actor, team.node)
    if role not in TeamRole.values:
        raise ValidationError({"role": _("Unknown team role %(role)s.") % {"role": role}})
    with transaction.atomic():
        membership = (
            TeamMembership.objects.select_for_update(of=("self",))
            .filter(team=team, person=person)
            .first()
        )
        if membership is None:
            membership = TeamMembership.objects.create(
                team=team, person=person, role=role, joined_on=joined_on or timezone.localdate()
            )
            log_action(
                "volunteering.team.member_added",
                actor=actor,
                obj=team,
                new={"person": person.pk, "role": role},
            )
        elif membership.role != role:
            old = membership.role
            membership.role = role
            membership.save(update_fields=["role"])
            log_action(
                "volunteering.team.member_role_changed",
                actor=actor,
                obj=team,
                old={"person": person.pk, "role": old},
                new={"person": person.pk, "role": role},
            )
    return membership


def team_member_remove(*, team: ServiceTeam, person, actor=None) -> None:
    """Take ``person`` off ``team``; their past attendance stays on their record."""
    _require_manage(actor, team.node)
    with transaction.atomic():
        membership = TeamMembership.objects.filter(team=team, person=person).first()
        if membership is None:
            return
        log_action(
            "volunteering.team.member_removed",
            actor=actor,
            obj=team,
            old={"person": person.pk, "role": membership.role},
        )
        membership.delete()
