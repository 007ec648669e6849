"""Issuing the numbered documents and recording their service (送达), which moves the record."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.core.images import files_guard, process_photo, save_file
from gongzhi.enforcement import validate as v
from gongzhi.enforcement.choices import DocumentKind, ServiceMethod
from gongzhi.enforcement.deadlines import authority_deadline, lapse_of
from gongzhi.enforcement.documents.pdf import render_pdf
from gongzhi.enforcement.documents.wording import build_snapshot, document_number
from gongzhi.enforcement.errors import ProcedureConflict
from gongzhi.enforcement.models import EnforcementDocument, ServiceRecord
from gongzhi.enforcement.procedure import SERVING
from gongzhi.enforcement.services.common import apply_step, is_allowed, lock_record, next_number

MAX_SELF_DEMOLITION_DAYS = 180


def last_day(moment: dt.datetime | None) -> dt.date | None:
    """The last local day before ``moment`` (a deadline at midnight belongs to the day before)."""
    if moment is None:
        return None
    return timezone.localdate(moment - dt.timedelta(microseconds=1))


def _served_order(record):
    order = (
        record.documents.filter(
            kind=DocumentKind.DEMOLITION_ORDER, withdrawn_at__isnull=True, service__isnull=False
        )
        .select_related("service")
        .order_by("-created_at")
        .first()
    )
    if order is None:
        return None
    return {
        "number": order.number,
        "issued_on": order.issued_on.isoformat(),
        "served_on": order.service.served_on.isoformat(),
    }


def document_issue(
    *,
    record,
    kind: str,
    actor,
    facts: str | None = None,
    self_demolition_deadline=None,
    issued_on=None,
) -> EnforcementDocument:
    """Issue (number, render and store) the next document of the procedure.

    Allowed in the states from which serving it moves the record on; the reminder only once the
    self-demolition deadline has passed. A demolition order needs the self-demolition deadline
    date. An unserved earlier document of the same kind is withdrawn (its number is never given
    again). Raises ``PermissionDenied``, ``ProcedureConflict`` or ``ValidationError``.
    """
    kind = v.choice(kind, "kind", DocumentKind)
    transition = SERVING[kind]
    today = timezone.localdate()
    issued_on = v.date(issued_on or today, "issued_on", not_after_today=True)
    deadline = None
    if kind == DocumentKind.DEMOLITION_ORDER:
        deadline = v.date(self_demolition_deadline, "self_demolition_deadline")
        if deadline <= issued_on:
            raise ValidationError(
                {"self_demolition_deadline": _("The deadline must come after the issue date.")}
            )
        if deadline > issued_on + dt.timedelta(days=MAX_SELF_DEMOLITION_DAYS):
            raise ValidationError(
                {
                    "self_demolition_deadline": _("At most %(n)d days after the issue date.")
                    % {"n": MAX_SELF_DEMOLITION_DAYS}
                }
            )
    with files_guard(), transaction.atomic():
        locked = lock_record(record)
        if not is_allowed(actor, transition.permission, locked.node):
            raise PermissionDenied(_("You may not issue documents for this record."))
        if locked.state not in transition.sources:
            raise ProcedureConflict.for_state(locked, DocumentKind(kind).label)
        now = timezone.now()
        if transition.after_lapse and now < lapse_of(locked.self_demolition_deadline):
            raise ValidationError(
                {
                    "kind": _("The self-demolition deadline (%(date)s) has not passed yet.")
                    % {"date": locked.self_demolition_deadline}
                }
            )
        if issued_on < timezone.localdate(locked.found_at):
            raise ValidationError({"issued_on": _("A document cannot predate the finding.")})
        text = v.text(facts if facts is not None else (locked.facts or locked.description), "facts")
        if not text:
            raise ValidationError({"facts": _("Write down the facts established first.")})
        authority = locked.authority
        for earlier in locked.documents.filter(
            kind=kind, withdrawn_at__isnull=True, service__isnull=True
        ):
            earlier.withdrawn_at = now
            earlier.save(update_fields=["withdrawn_at"])
            log_action("enforcement.document.withdrawn", actor=actor, obj=earlier)
        seq = next_number(authority, kind, issued_on.year)
        number = document_number(authority.document_prefix, kind, issued_on.year, seq)
        forced = last_day(locked.forced_deadline_at)
        snapshot = build_snapshot(
            record=locked,
            authority=authority,
            kind=kind,
            number=number,
            issued_on=issued_on,
            facts=text,
            refers_to=_served_order(locked) if kind != DocumentKind.STOP_ORDER else None,
            self_demolition_deadline=deadline or locked.self_demolition_deadline,
            forced_deadline=forced,
        )
        document = EnforcementDocument(
            record=locked,
            authority=authority,
            kind=kind,
            year=issued_on.year,
            seq=seq,
            number=number,
            issued_on=issued_on,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            snapshot=snapshot,
        )
        save_file(document.pdf, "document.pdf", render_pdf(snapshot))
        document.save()
        log_action(
            "enforcement.document.issued",
            actor=actor,
            obj=document,
            new={"number": number, "kind": kind},
            data={"reference": locked.reference},
        )
    return document


def document_record_service(
    *,
    document,
    actor,
    served_on,
    method: str,
    recipient: str,
    receipt_photo=None,
    note: str = "",
) -> ServiceRecord:
    """Record how and when ``document`` reached the party; this performs the procedure step
    of serving it (stop order served, demolition order served, …)."""
    method = v.choice(method, "method", ServiceMethod)
    recipient = v.text(recipient, "recipient", max_length=100, required=True)
    served_on = v.date(served_on, "served_on", not_after_today=True)
    note = v.text(note, "note")
    photo = process_photo(receipt_photo) if receipt_photo else None
    transition = SERVING[document.kind]
    result: dict = {}

    def check(locked):
        doc = EnforcementDocument.objects.select_for_update().get(pk=document.pk)
        if doc.record_id != locked.pk or doc.withdrawn_at is not None:
            raise ProcedureConflict(_("This document was withdrawn."), code="withdrawn")
        if ServiceRecord.objects.filter(document=doc).exists():
            raise ProcedureConflict(_("The service of this document is recorded already."))
        if served_on < doc.issued_on:
            raise ValidationError(
                {"served_on": _("A document cannot be served before it is issued.")}
            )
        deadline = doc.snapshot.get("self_demolition_deadline")
        if doc.kind == DocumentKind.DEMOLITION_ORDER and served_on >= dt.date.fromisoformat(
            deadline
        ):
            raise ValidationError(
                {
                    "served_on": _(
                        "Served on or after its own deadline: issue a new order with a later deadline."
                    )
                }
            )
        result["doc"] = doc

    def mutate(locked):
        doc = result["doc"]
        if doc.kind != DocumentKind.DEMOLITION_ORDER:
            return []
        deadline = dt.date.fromisoformat(doc.snapshot["self_demolition_deadline"])
        locked.self_demolition_deadline = deadline
        locked.forced_deadline_at = authority_deadline(
            locked.authority, "forced", lapse_of(deadline), node=locked.node
        )
        return ["self_demolition_deadline", "forced_deadline_at"]

    def effects(locked):
        service = ServiceRecord(
            document=result["doc"],
            served_on=served_on,
            method=method,
            recipient=recipient,
            note=note,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if photo is not None:
            save_file(service.receipt_photo, "receipt.jpg", photo.content)
        service.save()
        log_action(
            "enforcement.document.served",
            actor=actor,
            obj=result["doc"],
            new={"served_on": served_on, "method": method},
            data={"reference": locked.reference, "recipient": recipient},
        )
        result["service"] = service

    with files_guard():
        apply_step(
            record=document.record,
            action=transition.action,
            actor=actor,
            check=check,
            mutate=mutate,
            effects=effects,
            data={"document": document.number, "served_on": served_on.isoformat()},
        )
    return result["service"]
