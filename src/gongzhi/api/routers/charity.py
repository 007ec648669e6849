"""Charity: drives with their figures, pledges, stock, deliveries and (for keys that carry
``charity.view_assistance``) assistance files — each read through the access chokepoint and
each write through the charity app's services.

Sensitive details of assistance files are never served here. Webhooks: subscribe to
``charity.pledge.received`` and ``charity.delivery.signed`` (or the prefix ``charity.``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from gongzhi.api.schemas import error_responses
from gongzhi.api.webhooks.outbox import payload_builders
from gongzhi.charity import selectors, services
from gongzhi.charity.choices import DeliveryState, DriveState, PledgeState
from gongzhi.charity.models import Delivery, Drive, ItemKind, Pledge, StoragePlace
from gongzhi.charity.permissions import VIEW_ASSISTANCE
from gongzhi.org.access import get_for, user_scope

router = Router(tags=["charity"])
READ_ERRORS = error_responses(400, 401, 403, 404)


class ItemQuantity(Schema):
    item_kind: str = Field(..., max_length=50, description="name of the item kind, e.g. 笔记本")
    quantity: int = Field(..., description="whole number of items, at least 1")


class ItemFigures(Schema):
    item_kind: str
    unit: str
    goal: int
    pledged: int
    received: int
    on_its_way: int
    delivered: int
    written_off: int
    transferred: int
    on_hand: int


class DriveOut(Schema):
    id: int
    title: str
    state: DriveState
    node: str = Field(description="code of the organising community")
    organisation: str | None = None
    starts_on: dt.date
    ends_on: dt.date
    cash_goal: Decimal | None = Field(None, description="recorded only; never a payment")


class DriveDetailOut(DriveOut):
    purpose: str
    items: list[ItemFigures]
    cash_recorded: Decimal
    pledges: int


class PledgeOut(Schema):
    id: int
    drive: int
    donor_name: str
    is_anonymous: bool
    state: PledgeState
    items: list[ItemQuantity]
    cash_amount: Decimal | None = None
    cash_receipt_number: str = ""
    acknowledgement: str | None = Field(None, description="number of the acknowledgement")
    pledged_at: dt.datetime


class PledgeIn(Schema):
    drive: int
    donor_name: str = Field(..., max_length=100)
    donor_phone: str = Field("", max_length=20)
    is_anonymous: bool = False
    items: list[ItemQuantity] = Field(default_factory=list, max_length=50)
    cash_amount: str | None = Field(None, max_length=20, description="yuan, at most 2 decimals")
    cash_received_by: str = Field("", max_length=100)
    cash_receipt_number: str = Field("", max_length=60)


class ReceiveIn(Schema):
    place: int | None = Field(None, description="id of the storage place the goods go to")
    cash_receipt_number: str | None = Field(None, max_length=60)


class StockOut(Schema):
    drive: int
    place: int
    place_name: str
    item_kind: str
    on_hand: int


class DeliveryOut(Schema):
    id: int
    drive: int
    state: DeliveryState
    recipient_name: str
    beneficiary_kind: str
    node: str
    scheduled_on: dt.date
    items: list[ItemQuantity]
    activity: int | None = None
    signed_at: dt.datetime | None = None


class SignOffIn(Schema):
    signed_by_name: str = Field("", max_length=100)
    sign_mark: str = Field("", max_length=200)


class AssistanceFileOut(Schema):
    id: int
    pseudonym: str
    node: str
    categories: list[str]
    state: str
    opened_on: dt.date
    consent_scope: str
    visits: int


def _drive_out(drive: Drive) -> dict:
    return {
        "id": drive.pk,
        "title": drive.title,
        "state": drive.state,
        "node": drive.node.code,
        "organisation": drive.organisation.name if drive.organisation_id else None,
        "starts_on": drive.starts_on,
        "ends_on": drive.ends_on,
        "cash_goal": drive.cash_goal,
    }


def _pledge_out(pledge: Pledge) -> dict:
    ack = getattr(pledge, "acknowledgement", None)
    return {
        "id": pledge.pk,
        "drive": pledge.drive_id,
        "donor_name": pledge.donor_name,
        "is_anonymous": pledge.is_anonymous,
        "state": pledge.state,
        "items": [
            {"item_kind": i.item_kind.name, "quantity": i.quantity} for i in pledge.items.all()
        ],
        "cash_amount": pledge.cash_amount,
        "cash_receipt_number": pledge.cash_receipt_number,
        "acknowledgement": ack.number if ack else None,
        "pledged_at": pledge.pledged_at,
    }


def _delivery_out(delivery: Delivery) -> dict:
    return {
        "id": delivery.pk,
        "drive": delivery.drive_id,
        "state": delivery.state,
        "recipient_name": delivery.recipient_name,
        "beneficiary_kind": delivery.beneficiary_kind,
        "node": delivery.node.code,
        "scheduled_on": delivery.scheduled_on,
        "items": [
            {"item_kind": i.item_kind.name, "quantity": i.quantity} for i in delivery.items.all()
        ],
        "activity": delivery.activity_id,
        "signed_at": delivery.signed_at,
    }


def _kinds(items: list[ItemQuantity]) -> list[tuple]:
    names = [i.item_kind for i in items]
    kinds = {k.name: k for k in ItemKind.objects.filter(name__in=names)}
    missing = [n for n in names if n not in kinds]
    if missing:
        raise ValidationError(
            {"items": _("Unknown item kind: %(names)s") % {"names": "、".join(missing)}}
        )
    return [(kinds[i.item_kind], i.quantity) for i in items]


@router.get("/drives", response={200: list[DriveOut], **READ_ERRORS})
def list_drives(
    request,
    state: DriveState | None = None,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    """Drives the caller may see, newest first."""
    drives = selectors.drives_for(request.user).order_by("-starts_on", "-id")
    if state:
        drives = drives.filter(state=state)
    return [_drive_out(d) for d in drives[offset : offset + limit]]


@router.get("/drives/{drive_id}", response={200: DriveDetailOut, **READ_ERRORS})
def get_drive(request, drive_id: int):
    """One drive with its figures per item kind, computed from the ledger."""
    drive = get_for(request.user, selectors.drives_for(request.user), pk=drive_id)
    figures = selectors.drive_figures(drive)
    return {
        **_drive_out(drive),
        "purpose": drive.purpose,
        "items": [
            {
                "item_kind": r.name,
                "unit": r.unit,
                "goal": r.goal,
                "pledged": r.pledged,
                "received": r.received,
                "on_its_way": r.on_its_way,
                "delivered": r.delivered,
                "written_off": r.written_off,
                "transferred": r.transferred,
                "on_hand": r.on_hand,
            }
            for r in figures.items
        ],
        "cash_recorded": figures.cash_recorded,
        "pledges": figures.pledges,
    }


@router.get("/pledges", response={200: list[PledgeOut], **READ_ERRORS})
def list_pledges(
    request,
    drive: int | None = None,
    state: PledgeState | None = None,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    """Pledges the caller may see (donor names in full: this is the organisers' view)."""
    pledges = selectors.pledges_for(request.user).order_by("-pledged_at", "-id")
    if drive is not None:
        pledges = pledges.filter(drive_id=drive)
    if state:
        pledges = pledges.filter(state=state)
    return [_pledge_out(p) for p in pledges[offset : offset + limit]]


@router.post("/pledges", response={201: PledgeOut, **error_responses(400, 401, 403, 404)})
def create_pledge(request, payload: PledgeIn):
    """Record a pledge of goods and/or a cash amount received by someone else."""
    drive = get_for(request.user, selectors.drives_for(request.user), pk=payload.drive)
    pledge = services.pledge_create(
        drive=drive,
        actor=request.user,
        donor_name=payload.donor_name,
        donor_phone=payload.donor_phone,
        is_anonymous=payload.is_anonymous,
        items=_kinds(payload.items),
        cash=payload.cash_amount,
        cash_received_by=payload.cash_received_by,
        cash_receipt_number=payload.cash_receipt_number,
    )
    return Status(201, _pledge_out(selectors.pledges_for(request.user).get(pk=pledge.pk)))


@router.post(
    "/pledges/{pledge_id}/receive", response={200: PledgeOut, **error_responses(400, 401, 403, 404)}
)
def receive_pledge(request, pledge_id: int, payload: ReceiveIn):
    """The goods arrived: stock in, acknowledgement issued (webhook ``charity.pledge.received``)."""
    pledge = get_for(request.user, selectors.pledges_for(request.user), pk=pledge_id)
    place = None
    if payload.place is not None:
        place = get_for(request.user, StoragePlace, pk=payload.place)
    services.pledge_receive(
        pledge=pledge,
        place=place,
        actor=request.user,
        cash_receipt_number=payload.cash_receipt_number,
    )
    return _pledge_out(selectors.pledges_for(request.user).get(pk=pledge.pk))


@router.get("/inventory", response={200: list[StockOut], **READ_ERRORS})
def list_inventory(
    request,
    drive: int | None = None,
    place: int | None = None,
    limit: int = Query(500, ge=1, le=5000),
):
    """Stock on hand per drive, place and item kind (what is left of each)."""
    levels = selectors.stock_for(request.user)
    if drive is not None:
        levels = levels.filter(drive_id=drive)
    if place is not None:
        levels = levels.filter(place_id=place)
    return [
        {
            "drive": level.drive_id,
            "place": level.place_id,
            "place_name": level.place.name,
            "item_kind": level.item_kind.name,
            "on_hand": level.on_hand,
        }
        for level in levels[:limit]
    ]


@router.get("/deliveries", response={200: list[DeliveryOut], **READ_ERRORS})
def list_deliveries(
    request,
    drive: int | None = None,
    state: DeliveryState | None = None,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    deliveries = selectors.deliveries_for(request.user).order_by("-scheduled_on", "-id")
    if drive is not None:
        deliveries = deliveries.filter(drive_id=drive)
    if state:
        deliveries = deliveries.filter(state=state)
    return [_delivery_out(d) for d in deliveries[offset : offset + limit]]


@router.get("/deliveries/{delivery_id}", response={200: DeliveryOut, **READ_ERRORS})
def get_delivery(request, delivery_id: int):
    return _delivery_out(
        get_for(request.user, selectors.deliveries_for(request.user), pk=delivery_id)
    )


@router.post(
    "/deliveries/{delivery_id}/sign-off",
    response={200: DeliveryOut, **error_responses(400, 401, 403, 404)},
)
def sign_off_delivery(request, delivery_id: int, payload: SignOffIn):
    """The recipient's sign-off (webhook ``charity.delivery.signed``); photos go through the
    phone page."""
    delivery = get_for(request.user, selectors.deliveries_for(request.user), pk=delivery_id)
    services.delivery_sign_off(
        delivery=delivery,
        signed_by_name=payload.signed_by_name,
        sign_mark=payload.sign_mark,
        actor=request.user,
    )
    return _delivery_out(selectors.deliveries_for(request.user).get(pk=delivery.pk))


@router.post(
    "/deliveries/{delivery_id}/complete",
    response={200: DeliveryOut, **error_responses(400, 401, 403, 404)},
)
def complete_delivery(request, delivery_id: int):
    """Mark a signed delivery done (refused with 400 before the sign-off)."""
    delivery = get_for(request.user, selectors.deliveries_for(request.user), pk=delivery_id)
    services.delivery_complete(delivery=delivery, actor=request.user)
    return _delivery_out(selectors.deliveries_for(request.user).get(pk=delivery.pk))


@router.get("/assistance-files", response={200: list[AssistanceFileOut], **READ_ERRORS})
def list_assistance_files(request, limit: int = Query(100, ge=1, le=500)):
    """Assistance files without their sensitive details, for keys and users holding
    ``charity.view_assistance``; everyone else gets 403."""
    scope = user_scope(request.user)
    if not (scope.is_global or scope.paths_for(VIEW_ASSISTANCE)):
        raise PermissionDenied(_("This key may not read assistance files."))
    files = selectors.files_for(request.user).order_by("node__path", "id")
    from django.db.models import Count

    files = files.annotate(visit_count=Count("visits"))
    return [
        {
            "id": f.pk,
            "pseudonym": f.pseudonym,
            "node": f.node.code,
            "categories": f.categories,
            "state": f.state,
            "opened_on": f.opened_on,
            "consent_scope": f.consent_scope,
            "visits": f.visit_count,
        }
        for f in files[:limit]
    ]


def pledge_payload(pledge) -> dict:
    """What a webhook says about a pledge (never the donor's phone)."""
    return {
        "drive": pledge.drive_id,
        "state": pledge.state,
        "is_anonymous": pledge.is_anonymous,
        "node": pledge.drive.node.code,
    }


def delivery_payload(delivery) -> dict:
    return {"drive": delivery.drive_id, "state": delivery.state, "node": delivery.node.code}


payload_builders["charity.pledge"] = pledge_payload
payload_builders["charity.delivery"] = delivery_payload
