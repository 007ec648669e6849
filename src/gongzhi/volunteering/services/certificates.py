"""Issuing volunteer service certificates (志愿服务记录证明)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.core.masking import mask_id_number
from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.volunteering.models import Certificate, CertificateSequence
from gongzhi.volunteering.permissions import can_manage
from gongzhi.volunteering.selectors import issuing_community, service_rows

EARLIEST = date(2000, 1, 1)


def certificate_number(issuer: Node, year: int, sequence: int) -> str:
    """A certificate number: issuer code, year and the issuer's yearly sequence."""
    return f"{issuer.code}-{year}-{sequence:05d}"


def _issuer_name(issuer: Node) -> str:
    """The issuing community named with its street, as printed on the certificate."""
    street = issuer.ancestors().filter(level=Level.STREET).first()
    return f"{street.name}{issuer.name}" if street else issuer.name


def _snapshot(person, issuer, start, end, number, issued_on) -> dict:
    rows = service_rows(person, start=start, end=end)
    if not rows:
        raise ValidationError(
            _("There is no recorded volunteer service between %(start)s and %(end)s.")
            % {"start": start, "end": end}
        )
    total = sum((row.hours for row in rows), Decimal("0.00"))
    return {
        "version": 1,
        "number": number,
        "name": person.name,
        "id_number_masked": mask_id_number(person.id_number),
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "issuer": _issuer_name(issuer),
        "issued_on": issued_on.isoformat(),
        "total_hours": f"{total:.2f}",
        "activities": [
            {
                "date": row.date.isoformat(),
                "title": row.title,
                "team": row.team,
                "hours": f"{row.hours:.2f}",
            }
            for row in rows
        ],
    }


def certificate_issue(
    *, person, period_start: date, period_end: date, actor=None, today: date | None = None
) -> Certificate:
    """Issue the certificate of ``person``'s service in a period, free of charge.

    The same request (person, period, issuing community) returns the certificate already issued
    — same number, same content — instead of a new one. Numbers run per issuer and year and are
    never reused: the issuer's row is locked while a number is taken.
    """
    today = today or timezone.localdate()
    errors = {}
    if not isinstance(period_start, date) or not isinstance(period_end, date):
        raise ValidationError({"period_start": _("Give the period as two dates.")})
    if period_start > period_end:
        errors["period_end"] = _("The period must end on or after its first day.")
    if period_end > today:
        errors["period_end"] = _("The period cannot end in the future.")
    if period_start < EARLIEST:
        errors["period_start"] = _("The period cannot start before %(d)s.") % {"d": EARLIEST}
    if errors:
        raise ValidationError(errors)
    issuer = issuing_community(person)
    if issuer is None:
        raise ValidationError(_("This person does not belong to a community that can certify."))
    if actor is not None and person.user_id != actor.pk and not can_manage(actor, issuer):
        raise PermissionDenied(_("You may not issue certificates for this person."))
    with transaction.atomic():
        # One issuer's certificates are numbered one at a time.
        list(
            Node.objects.select_for_update(of=("self",))
            .filter(pk=issuer.pk)
            .values_list("pk", flat=True)
        )
        existing = Certificate.objects.filter(
            issuer=issuer, person=person, period_start=period_start, period_end=period_end
        ).first()
        if existing is not None:
            return existing
        sequence, _created = CertificateSequence.objects.get_or_create(
            issuer=issuer, year=today.year
        )
        sequence = CertificateSequence.objects.select_for_update(of=("self",)).get(pk=sequence.pk)
        number = certificate_number(issuer, today.year, sequence.last + 1)
        snapshot = _snapshot(person, issuer, period_start, period_end, number, today)
        sequence.last += 1
        sequence.save(update_fields=["last"])
        certificate = Certificate.objects.create(
            number=number,
            issuer=issuer,
            person=person,
            period_start=period_start,
            period_end=period_end,
            year=today.year,
            sequence=sequence.last,
            snapshot=snapshot,
            issued_on=today,
            issued_by=actor if actor is not None and actor.is_authenticated else None,
        )
        log_action(
            "volunteering.certificate.issued",
            actor=actor,
            obj=certificate,
            new={
                "number": number,
                "person": person.pk,
                "period": [period_start, period_end],
                "total_hours": snapshot["total_hours"],
            },
        )
    return certificate
