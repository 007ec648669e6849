"""Pledges: recording them, receiving the goods (stock in + acknowledgement) and cancelling."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.charity.choices import DriveState, MovementKind, PledgeState
from gongzhi.charity.models import Acknowledgement, Drive, Pledge, PledgeItem
from gongzhi.charity.permissions import RECEIVE
from gongzhi.charity.services.common import (
    actor_or_none,
    cash_amount,
    clean_text,
    require_on_drive,
    whole_quantity,
)
from gongzhi.charity.services.inventory import _check_place, lock_level, move
from gongzhi.core.audit import log_action

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _items(items) -> list[tuple]:
    cleaned, seen = [], set()
    for item_kind, quantity in items or []:
        if item_kind.pk in seen:
            raise ValidationError({"items": _("%(item)s is listed twice.") % {"item": item_kind}})
        seen.add(item_kind.pk)
        label = _("Quantity of %(item)s") % {"item": item_kind.name}
        cleaned.append((item_kind, whole_quantity(quantity, "items", label)))
    return cleaned


def pledge_create(
    *,
    drive: Drive,
    donor_name: str,
    items=(),
    cash=None,
    cash_received_by: str = "",
    cash_receipt_number: str = "",
    is_anonymous: bool = False,
    donor_phone: str = "",
    donor_organisation=None,
    note: str = "",
    actor=None,
    at=None,
) -> Pledge:
    """Record a donor's pledge of goods and/or a cash amount received by someone else."""
    require_on_drive(actor, RECEIVE, drive)
    errors: dict = {}
    try:
        donor_name = clean_text(donor_name, "donor_name", 100, required=True, label=_("Donor"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        cleaned = _items(items)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        cleaned = []
    amount = None
    if cash not in (None, ""):
        try:
            amount = cash_amount(cash, "cash_amount", _("Cash amount"))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if not errors and not cleaned and amount is None:
        errors["items"] = [_("A pledge needs goods or a cash amount.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Drive.objects.select_for_update(no_key=True).get(pk=drive.pk)
        if locked.state != DriveState.OPEN:
            raise ValidationError({"drive": _("This drive is not taking pledges.")})
        pledge = Pledge.objects.create(
            drive=locked,
            donor_name=donor_name,
            donor_phone=clean_text(donor_phone, "donor_phone", 20),
            donor_organisation=donor_organisation,
            is_anonymous=bool(is_anonymous),
            cash_amount=amount,
            cash_received_by=clean_text(cash_received_by, "cash_received_by", 100),
            cash_receipt_number=clean_text(cash_receipt_number, "cash_receipt_number", 60),
            note=clean_text(note, "note", 500),
            pledged_at=at or timezone.now(),
            created_by=actor_or_none(actor),
        )
        PledgeItem.objects.bulk_create(
            [PledgeItem(pledge=pledge, item_kind=k, quantity=q) for k, q in cleaned]
        )
        log_action(
            "charity.pledge.created",
            actor=actor,
            obj=pledge,
            new={
                "items": {k.name: q for k, q in cleaned},
                "cash_amount": amount,
                "anonymous": pledge.is_anonymous,
            },
        )
    return pledge


def _snapshot(pledge: Pledge, number: str, issued_at) -> dict:
    drive = pledge.drive
    issuer = drive.organisation.name if drive.organisation_id else drive.node.name
    return {
        "number": number,
        "donor": pledge.donor_name,
        "anonymous": pledge.is_anonymous,
        "drive": drive.title,
        "issuer": issuer,
        "items": [
            {"name": i.item_kind.name, "unit": i.item_kind.unit, "quantity": i.quantity}
            for i in pledge.items.select_related("item_kind")
        ],
        "cash_amount": str(pledge.cash_amount) if pledge.cash_amount is not None else None,
        "cash_received_by": pledge.cash_received_by,
        "cash_receipt_number": pledge.cash_receipt_number,
        "issued_on": timezone.localdate(issued_at).isoformat(),
    }


def pledge_receive(
    *,
    pledge: Pledge,
    place=None,
    actor=None,
    at=None,
    cash_receipt_number: str | None = None,
    cash_received_by: str | None = None,
) -> Pledge:
    """The goods of a pledge arrived at ``place``: one ``received`` movement per item kind, and
    a numbered donor acknowledgement. A recorded cash amount needs the receipt number of
    whoever took the money. Receiving twice is refused."""
    drive = pledge.drive
    require_on_drive(actor, RECEIVE, drive)
    when = at or timezone.now()
    with transaction.atomic():
        pledge = (
            Pledge.objects.select_for_update(of=("self",), no_key=True)
            .select_related("drive", "drive__node", "drive__organisation")
            .get(pk=pledge.pk)
        )
        if pledge.state != PledgeState.PLEDGED:
            raise ValidationError(
                {"state": _("This pledge is %(state)s.") % {"state": pledge.get_state_display()}}
            )
        if pledge.drive.state not in (DriveState.OPEN, DriveState.CLOSED):
            raise ValidationError({"drive": _("This drive is not receiving goods.")})
        fields = ["state", "received_at", "received_by", "place"]
        if cash_receipt_number is not None:
            pledge.cash_receipt_number = clean_text(cash_receipt_number, "cash_receipt_number", 60)
            fields.append("cash_receipt_number")
        if cash_received_by is not None:
            pledge.cash_received_by = clean_text(cash_received_by, "cash_received_by", 100)
            fields.append("cash_received_by")
        if pledge.cash_amount is not None and not pledge.cash_receipt_number:
            raise ValidationError(
                {"cash_receipt_number": _("Enter the receipt number for the cash received.")}
            )
        items = list(pledge.items.select_related("item_kind").order_by("item_kind_id"))
        if items and place is None:
            raise ValidationError({"place": _("Choose where the goods are stored.")})
        if place is not None:
            _check_place(pledge.drive, place)
        for item in items:
            level = lock_level(pledge.drive, place, item.item_kind)
            move(level, MovementKind.RECEIVED, item.quantity, actor=actor, pledge=pledge)
        pledge.state = PledgeState.RECEIVED
        pledge.received_at = when
        pledge.received_by = actor_or_none(actor)
        pledge.place = place
        pledge.save(update_fields=fields)
        number = f"JZ{timezone.localdate(when).year}-{pledge.pk:06d}"
        acknowledgement = Acknowledgement.objects.create(
            pledge=pledge,
            number=number,
            check_code="".join(secrets.choice(CODE_ALPHABET) for _ in range(8)),
            snapshot=_snapshot(pledge, number, when),
            issued_at=when,
        )
        log_action(
            "charity.pledge.received",
            actor=actor,
            obj=pledge,
            old={"state": PledgeState.PLEDGED},
            new={"state": PledgeState.RECEIVED},
            data={
                "acknowledgement": acknowledgement.number,
                "place": place.pk if place else None,
                "items": {i.item_kind.name: i.quantity for i in items},
                "cash_amount": pledge.cash_amount,
            },
        )
    return pledge


def pledge_cancel(*, pledge: Pledge, reason: str, actor=None) -> Pledge:
    """A pledge that will not come (nothing was received for it)."""
    require_on_drive(actor, RECEIVE, pledge.drive)
    reason = clean_text(reason, "reason", 500, required=True, label=_("Reason"))
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update(no_key=True).get(pk=pledge.pk)
        if pledge.state != PledgeState.PLEDGED:
            raise ValidationError(
                {"state": _("This pledge is %(state)s.") % {"state": pledge.get_state_display()}}
            )
        pledge.state = PledgeState.CANCELLED
        pledge.save(update_fields=["state"])
        log_action(
            "charity.pledge.cancelled",
            actor=actor,
            obj=pledge,
            old={"state": PledgeState.PLEDGED},
            new={"state": PledgeState.CANCELLED},
            data={"reason": reason},
        )
    return pledge
