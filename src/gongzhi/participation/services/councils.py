"""Councils: planning, invitations, notice, holding, minutes, closing — one service each.

planned → notice sent → held → minutes published → closed, or cancelled with a reason. Minutes
cannot be published before the council is held; a closed council is read-only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.selectors import parties_serving
from gongzhi.participation import codes
from gongzhi.participation import notifications as notes
from gongzhi.participation.choices import (
    COUNCIL_EDITABLE,
    COUNCIL_TRANSITIONS,
    CouncilKind,
    CouncilState,
    InviteeKind,
)
from gongzhi.participation.models import AgendaItem, Council, Invitation
from gongzhi.participation.permissions import MANAGE
from gongzhi.participation.services.common import guard, lock, require, text, user_or_none


def _move(council: Council, target: str, *, actor, fields: dict, data=None) -> Council:
    guard(COUNCIL_TRANSITIONS, council.state, target, labels=CouncilState)
    old = council.state
    council.state = target
    for name, value in fields.items():
        setattr(council, name, value)
    council.save(update_fields=["state", *fields])
    log_action(
        f"participation.council.{target}",
        actor=actor,
        obj=council,
        old={"state": old},
        new={"state": target},
        data=data,
    )
    return council


def _editable(council: Council) -> None:
    if council.state not in COUNCIL_EDITABLE:
        raise ValidationError(
            {
                "state": _("This council is %(state)s and can no longer be changed.")
                % {"state": council.get_state_display()}
            },
            code="state",
        )


def council_create(
    *,
    node,
    title: str,
    starts_at,
    place: str,
    kind: str = CouncilKind.MONTHLY,
    convener=None,
    labels=(),
    actor=None,
) -> Council:
    """Plan a council on ``node`` with a fresh attendance code."""
    require(actor, MANAGE, node)
    if kind not in CouncilKind.values:
        raise ValidationError({"kind": _("Choose a kind of council from the list.")})
    title = text(title, field="title", max_length=120)
    place = text(place, field="place", max_length=120)
    if starts_at is None or timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give the date and time.")})
    if convener is not None and not convener.node.path.startswith(node.path[: 4 * 3]):
        raise ValidationError({"convener": _("The convener must belong to this community.")})
    for _attempt in range(5):
        try:
            with transaction.atomic():
                council = Council.objects.create(
                    node=node,
                    kind=kind,
                    title=title,
                    starts_at=starts_at,
                    place=place,
                    convener=convener,
                    short_code=codes.new_short_code(),
                    created_by=user_or_none(actor),
                )
                if labels:
                    council.labels.set(labels)
                log_action(
                    "participation.council.planned",
                    actor=actor,
                    obj=council,
                    new={"state": council.state, "node": node.code, "starts_at": starts_at},
                )
                return council
        except IntegrityError:
            continue  # the random short code collided; draw another
    raise ValidationError(_("Could not create the council; please try again."))


def agenda_item_add(
    *, council: Council, title: str, description: str = "", demand=None, actor=None
):
    """Add an item to the agenda (while the council is not yet past its minutes)."""
    title = text(title, field="title", max_length=200)
    description = text(description, field="description", max_length=4000, required=False)
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        _editable(council)
        if demand is not None and not demand.node.path.startswith(council.node.path[:12]):
            raise ValidationError({"demand": _("This demand belongs to another community.")})
        position = council.agenda_items.count() + 1
        item = AgendaItem.objects.create(
            council=council, position=position, title=title, description=description, demand=demand
        )
        log_action(
            "participation.council.agenda_added",
            actor=actor,
            obj=council,
            data={"item": item.pk, "title": title},
        )
    return item


def council_invite_forces(*, council: Council, actor=None) -> int:
    """Invite the six forces of the council's node: every active party bound to it or above it.
    Returns how many new invitations were made (inviting twice adds nothing)."""
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        _editable(council)
        parties = {b.party for force in parties_serving(council.node) for b in force.bindings}
        have = set(
            council.invitations.filter(kind=InviteeKind.PARTY).values_list("party_id", flat=True)
        )
        new = [
            Invitation(council=council, kind=InviteeKind.PARTY, party=p)
            for p in sorted(parties, key=lambda p: (p.force, p.name))
            if p.pk not in have
        ]
        Invitation.objects.bulk_create(new)
        log_action(
            "participation.council.forces_invited",
            actor=actor,
            obj=council,
            data={"parties": [i.party_id for i in new]},
        )
    return len(new)


def council_invite_person(*, council: Council, person, actor=None) -> Invitation:
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        _editable(council)
        if not person.node.path.startswith(council.node.path[:12]):
            raise ValidationError({"person": _("This person belongs to another community.")})
        invitation, created = Invitation.objects.get_or_create(
            council=council, person=person, defaults={"kind": InviteeKind.PERSON}
        )
        if created:
            log_action(
                "participation.council.person_invited",
                actor=actor,
                obj=council,
                data={"person": person.pk},
            )
    return invitation


def invitation_mark_present(*, invitation: Invitation, present: bool = True, actor=None):
    """Staff note that an invited party (or person) was there."""
    with transaction.atomic():
        council = lock(Council, invitation.council_id, "node")
        require(actor, MANAGE, council.node)
        _editable(council)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.present != present:
            invitation.present = present
            invitation.save(update_fields=["present"])
            log_action(
                "participation.council.invitation_present",
                actor=actor,
                obj=council,
                data={"invitation": invitation.pk, "present": present},
            )
    return invitation


def council_send_notice(*, council: Council, actor=None) -> Council:
    """Send the notice: everyone invited in person with a login is notified."""
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        council = _move(
            council,
            CouncilState.NOTICE_SENT,
            actor=actor,
            fields={"notice_sent_at": timezone.now()},
        )
        users = [
            i.person.user
            for i in council.invitations.filter(person__user__isnull=False).select_related(
                "person__user"
            )
        ]
        notes.send(
            users=users,
            verb="council_notice",
            data={
                "title": council.title,
                "when": timezone.localtime(council.starts_at).strftime("%Y-%m-%d %H:%M"),
            },
        )
    return council


def council_mark_held(*, council: Council, actor=None, at=None) -> Council:
    """The council met. Not before its start time."""
    now = at or timezone.now()
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        if now < council.starts_at - timezone.timedelta(hours=1):
            raise ValidationError(
                {"state": _("The council has not started yet; mark it held on the day.")},
                code="state",
            )
        return _move(council, CouncilState.HELD, actor=actor, fields={"held_at": now})


def agenda_discussion_set(*, item: AgendaItem, discussion: str, actor=None) -> AgendaItem:
    """Record the discussion of one agenda item (once the council is held)."""
    discussion = text(discussion, field="discussion", max_length=8000, required=False)
    with transaction.atomic():
        council = lock(Council, item.council_id, "node")
        require(actor, MANAGE, council.node)
        if council.state != CouncilState.HELD:
            raise ValidationError(
                {
                    "state": _(
                        "The discussion is recorded after the council is held and before its minutes are published."
                    )
                },
                code="state",
            )
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        old = item.discussion
        item.discussion = discussion
        item.save(update_fields=["discussion"])
        log_action(
            "participation.council.discussion_recorded",
            actor=actor,
            obj=council,
            old={"discussion": old},
            new={"discussion": discussion},
            data={"item": item.pk},
        )
    return item


def council_publish_minutes(*, council: Council, minutes: str = "", actor=None) -> Council:
    """Publish the minutes: only once the council is held."""
    minutes = text(minutes, field="minutes", max_length=20000, required=False)
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        if council.state in (CouncilState.PLANNED, CouncilState.NOTICE_SENT):
            raise ValidationError(
                {"state": _("Minutes cannot be published before the council is held.")},
                code="state",
            )
        return _move(
            council,
            CouncilState.MINUTES_PUBLISHED,
            actor=actor,
            fields={"minutes": minutes, "minutes_published_at": timezone.now()},
        )


def council_close(*, council: Council, actor=None) -> Council:
    """Close the council; from now on it is read-only."""
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        return _move(
            council, CouncilState.CLOSED, actor=actor, fields={"closed_at": timezone.now()}
        )


def council_cancel(*, council: Council, reason: str, actor=None) -> Council:
    """Call the council off, with a reason."""
    reason = text(
        reason, field="reason", max_length=300, label=_("Say why the council is cancelled.")
    )
    with transaction.atomic():
        council = lock(Council, council.pk, "node")
        require(actor, MANAGE, council.node)
        return _move(
            council,
            CouncilState.CANCELLED,
            actor=actor,
            fields={"cancel_reason": reason},
            data={"reason": reason},
        )
