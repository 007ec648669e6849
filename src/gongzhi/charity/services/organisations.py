"""Organisations, their staff, storage places and item kinds."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.charity.choices import OrganisationKind
from gongzhi.charity.models import ItemKind, Organisation, OrganisationStaff, StoragePlace
from gongzhi.charity.permissions import MANAGE
from gongzhi.charity.services.common import clean_text
from gongzhi.core.audit import log_action
from gongzhi.org.access import can


def _require(actor, node) -> None:
    if actor is not None and not can(actor, MANAGE, node):
        raise PermissionDenied(_("You may not manage charity work here."))


def organisation_create(
    *,
    node,
    name: str,
    kind: str,
    actor=None,
    registration_number: str = "",
    contact_name: str = "",
    contact_phone: str = "",
    description: str = "",
    partner_unit=None,
) -> Organisation:
    """Record a social organisation or partner unit serving ``node``."""
    _require(actor, node)
    name = clean_text(name, "name", 100, required=True, label=_("Name"))
    if kind not in OrganisationKind.values:
        raise ValidationError({"kind": _("Choose the kind of organisation.")})
    with transaction.atomic():
        organisation = Organisation(
            node=node,
            name=name,
            kind=kind,
            registration_number=clean_text(registration_number, "registration_number", 40),
            contact_name=clean_text(contact_name, "contact_name", 50),
            contact_phone=clean_text(contact_phone, "contact_phone", 20),
            description=clean_text(description, "description", 2000),
            partner_unit=partner_unit,
        )
        organisation.full_clean()
        organisation.save()
        log_action(
            "charity.organisation.created",
            actor=actor,
            obj=organisation,
            new={"name": name, "kind": kind, "node": node.code},
        )
    return organisation


def organisation_staff_add(*, organisation: Organisation, user, actor=None) -> OrganisationStaff:
    """Put ``user`` on ``organisation``'s staff: they act on its drives, nowhere else."""
    _require(actor, organisation.node)
    with transaction.atomic():
        member, created = OrganisationStaff.objects.get_or_create(
            organisation=organisation, user=user
        )
        if created:
            log_action(
                "charity.organisation.staff_added",
                actor=actor,
                obj=organisation,
                data={"user": user.pk},
            )
    if hasattr(user, "_charity_orgs"):
        del user._charity_orgs
    return member


def place_create(*, node, name: str, address: str = "", actor=None) -> StoragePlace:
    """A storage place for donated goods."""
    _require(actor, node)
    name = clean_text(name, "name", 100, required=True, label=_("Name"))
    with transaction.atomic():
        place = StoragePlace(node=node, name=name, address=clean_text(address, "address", 200))
        place.full_clean()
        place.save()
        log_action("charity.place.created", actor=actor, obj=place, new={"name": name})
    return place


def item_kind_get_or_create(*, name: str, unit: str = "件") -> ItemKind:
    """An item kind by name (a shared vocabulary: 笔记本, 书包, 文具)."""
    name = clean_text(name, "name", 50, required=True, label=_("Item kind"))
    unit = clean_text(unit, "unit", 10) or "件"
    kind, _created = ItemKind.objects.get_or_create(name=name, defaults={"unit": unit})
    return kind
