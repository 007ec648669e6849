"""Deliveries: allocating goods to a recipient, the recipient's sign-off, proof photos, done.

Allocation takes the goods off the place's stock (``allocated`` movements, rows locked, never
below zero); cancelling a planned delivery gives them back (``released``). A delivery is marked
done only after the recipient signed for it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.charity import photos
from gongzhi.charity.choices import (
    BeneficiaryKind,
    DeliveryState,
    DriveState,
    MovementKind,
    PhotoKind,
)
from gongzhi.charity.models import Delivery, DeliveryItem, DeliveryPhoto, Drive
from gongzhi.charity.permissions import DELIVER, can_sign_off
from gongzhi.charity.services.common import (
    actor_or_none,
    clean_text,
    require_on_drive,
    whole_quantity,
)
from gongzhi.charity.services.inventory import _check_place, lock_level, move
from gongzhi.core.audit import log_action

MAX_PHOTOS = 9


def _items(items) -> list[tuple]:
    cleaned, seen = [], set()
    for item_kind, quantity in items or []:
        if item_kind.pk in seen:
            raise ValidationError({"items": _("%(item)s is listed twice.") % {"item": item_kind}})
        seen.add(item_kind.pk)
        label = _("Quantity of %(item)s") % {"item": item_kind.name}
        cleaned.append((item_kind, whole_quantity(quantity, "items", label)))
    if not cleaned:
        raise ValidationError({"items": _("A delivery carries at least one kind of goods.")})
    # The same lock order in every allocation: by item kind.
    return sorted(cleaned, key=lambda pair: pair[0].pk)


def _volunteers(activity, volunteers) -> list:
    volunteers = list(volunteers or [])
    if volunteers and activity is None:
        raise ValidationError(
            {"activity": _("Link the volunteer activity the volunteers serve in.")}
        )
    if activity is None:
        return volunteers
    from gongzhi.volunteering.choices import SignupState

    signed_up = set(
        activity.signups.filter(state=SignupState.CONFIRMED).values_list("person_id", flat=True)
    ) | set(activity.attendances.values_list("person_id", flat=True))
    outsiders = [p.name for p in volunteers if p.pk not in signed_up]
    if outsiders:
        raise ValidationError(
            {
                "volunteers": _("Not signed up for the activity: %(names)s.")
                % {"names": "、".join(outsiders)}
            }
        )
    return volunteers


def delivery_create(
    *,
    drive: Drive,
    place,
    beneficiary_kind: str,
    recipient_name: str,
    node,
    scheduled_on,
    items,
    household=None,
    assistance_file=None,
    public_name_consent: bool = False,
    public_category: str = "",
    activity=None,
    volunteers=(),
    actor=None,
) -> Delivery:
    """Plan a delivery and allocate its goods from ``place``; refused (nothing written) when
    any item asks for more than is on hand."""
    require_on_drive(actor, DELIVER, drive)
    if beneficiary_kind not in BeneficiaryKind.values:
        raise ValidationError({"beneficiary_kind": _("Choose who receives the goods.")})
    if beneficiary_kind == BeneficiaryKind.HOUSEHOLD and household is None:
        raise ValidationError({"household": _("Choose the household.")})
    if beneficiary_kind == BeneficiaryKind.ASSISTANCE_FILE:
        if assistance_file is None:
            raise ValidationError({"assistance_file": _("Choose the assistance file.")})
        recipient_name = recipient_name or assistance_file.subject_name
    recipient_name = clean_text(
        recipient_name, "recipient_name", 100, required=True, label=_("Recipient")
    )
    cleaned = _items(items)
    if scheduled_on is None:
        raise ValidationError({"scheduled_on": _("Give the date of the delivery.")})
    _check_place(drive, place)
    people = _volunteers(activity, volunteers)
    with transaction.atomic():
        locked = Drive.objects.select_for_update(no_key=True).get(pk=drive.pk)
        if locked.state not in (DriveState.OPEN, DriveState.CLOSED):
            raise ValidationError({"drive": _("Goods of this drive cannot be delivered now.")})
        delivery = Delivery.objects.create(
            drive=locked,
            place=place,
            beneficiary_kind=beneficiary_kind,
            household=household,
            assistance_file=assistance_file,
            recipient_name=recipient_name,
            public_name_consent=bool(public_name_consent),
            public_category=clean_text(public_category, "public_category", 100),
            node=node,
            scheduled_on=scheduled_on,
            activity=activity,
            created_by=actor_or_none(actor),
        )
        DeliveryItem.objects.bulk_create(
            [DeliveryItem(delivery=delivery, item_kind=k, quantity=q) for k, q in cleaned]
        )
        for item_kind, quantity in cleaned:
            level = lock_level(locked, place, item_kind)
            move(level, MovementKind.ALLOCATED, quantity, actor=actor, delivery=delivery)
        if people:
            delivery.volunteers.set(people)
        log_action(
            "charity.delivery.planned",
            actor=actor,
            obj=delivery,
            new={
                "items": {k.name: q for k, q in cleaned},
                "place": place.pk,
                "activity": activity.pk if activity else None,
                "volunteers": [p.pk for p in people],
            },
        )
    return delivery


def _lock(delivery) -> Delivery:
    return (
        Delivery.objects.select_for_update(of=("self",), no_key=True)
        .select_related("drive", "drive__node")
        .get(pk=delivery.pk)
    )


def delivery_sign_off(
    *, delivery: Delivery, signed_by_name: str = "", sign_mark: str = "", photo=None, actor=None
) -> Delivery:
    """The recipient signs for the goods on the spot: a name or a mark, and a photo."""
    if actor is not None and not can_sign_off(actor, delivery):
        raise PermissionDenied(_("You may not record the sign-off of this delivery."))
    signed_by_name = clean_text(signed_by_name, "signed_by_name", 100, label=_("Signed by"))
    sign_mark = clean_text(sign_mark, "sign_mark", 200, label=_("Mark"))
    if not signed_by_name and not sign_mark:
        raise ValidationError({"signed_by_name": _("The recipient signs with a name or a mark.")})
    content = photos.clean(photo, field="photo") if photo is not None else None
    with transaction.atomic():
        delivery = _lock(delivery)
        if delivery.state != DeliveryState.PLANNED:
            raise ValidationError(
                {
                    "state": _("This delivery is %(state)s; it cannot be signed for again.")
                    % {"state": delivery.get_state_display()}
                }
            )
        delivery.state = DeliveryState.SIGNED
        delivery.signed_by_name = signed_by_name
        delivery.sign_mark = sign_mark
        delivery.signed_at = timezone.now()
        delivery.signed_by_user = actor_or_none(actor)
        delivery.save(
            update_fields=["state", "signed_by_name", "sign_mark", "signed_at", "signed_by_user"]
        )
        if content is not None:
            DeliveryPhoto.objects.create(
                delivery=delivery,
                kind=PhotoKind.SIGN_OFF,
                image=content,
                uploaded_by=actor_or_none(actor),
            )
        log_action(
            "charity.delivery.signed",
            actor=actor,
            obj=delivery,
            old={"state": DeliveryState.PLANNED},
            new={"state": DeliveryState.SIGNED},
            data={"photo": content is not None},
        )
    return delivery


def delivery_add_photo(*, delivery: Delivery, photo, actor=None) -> DeliveryPhoto:
    """A proof photo of the delivery (at most nine per delivery)."""
    if actor is not None and not can_sign_off(actor, delivery):
        raise PermissionDenied(_("You may not add photos to this delivery."))
    content = photos.clean(photo, field="photo")
    with transaction.atomic():
        delivery = _lock(delivery)
        if delivery.state == DeliveryState.CANCELLED:
            raise ValidationError({"state": _("This delivery was cancelled.")})
        if delivery.photos.count() >= MAX_PHOTOS:
            raise ValidationError({"photo": _("At most %(n)d photos.") % {"n": MAX_PHOTOS}})
        picture = DeliveryPhoto.objects.create(
            delivery=delivery, kind=PhotoKind.PROOF, image=content, uploaded_by=actor_or_none(actor)
        )
        log_action(
            "charity.delivery.photo_added", actor=actor, obj=delivery, data={"photo": picture.pk}
        )
    return picture


def delivery_complete(*, delivery: Delivery, actor=None) -> Delivery:
    """Mark the delivery done; refused until the recipient has signed for it."""
    if actor is not None and not can_sign_off(actor, delivery):
        raise PermissionDenied(_("You may not complete this delivery."))
    with transaction.atomic():
        delivery = _lock(delivery)
        if delivery.state == DeliveryState.PLANNED:
            raise ValidationError(
                {
                    "signed_by_name": _(
                        "The recipient has not signed for the goods yet; record the sign-off first."
                    )
                }
            )
        if delivery.state != DeliveryState.SIGNED:
            raise ValidationError(
                {
                    "state": _("This delivery is %(state)s.")
                    % {"state": delivery.get_state_display()}
                }
            )
        delivery.state = DeliveryState.DONE
        delivery.done_at = timezone.now()
        delivery.save(update_fields=["state", "done_at"])
        log_action(
            "charity.delivery.done",
            actor=actor,
            obj=delivery,
            old={"state": DeliveryState.SIGNED},
            new={"state": DeliveryState.DONE},
        )
    return delivery


def delivery_cancel(*, delivery: Delivery, reason: str, actor=None) -> Delivery:
    """Call off a planned delivery; its goods go back on the place's stock."""
    require_on_drive(actor, DELIVER, delivery.drive)
    reason = clean_text(reason, "reason", 300, required=True, label=_("Reason"))
    with transaction.atomic():
        delivery = _lock(delivery)
        if delivery.state != DeliveryState.PLANNED:
            raise ValidationError(
                {
                    "state": _("This delivery is %(state)s; it cannot be cancelled.")
                    % {"state": delivery.get_state_display()}
                }
            )
        for item in delivery.items.select_related("item_kind").order_by("item_kind_id"):
            level = lock_level(delivery.drive, delivery.place, item.item_kind)
            move(level, MovementKind.RELEASED, item.quantity, actor=actor, delivery=delivery)
        delivery.state = DeliveryState.CANCELLED
        delivery.cancel_reason = reason
        delivery.save(update_fields=["state", "cancel_reason"])
        log_action(
            "charity.delivery.cancelled",
            actor=actor,
            obj=delivery,
            old={"state": DeliveryState.PLANNED},
            new={"state": DeliveryState.CANCELLED},
            data={"reason": reason},
        )
    return delivery
