"""Assistance files: opening them, consent, the sensitive details and the visit timeline."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.charity import photos
from gongzhi.charity.choices import SENSITIVE_FIELDS, AssistanceCategory, ConsentScope, VisitKind
from gongzhi.charity.models import AssistanceFile, SensitiveDetails, Visit
from gongzhi.charity.permissions import MANAGE_ASSISTANCE, can_see_sensitive
from gongzhi.charity.services.common import actor_or_none, clean_text
from gongzhi.core.audit import log_action
from gongzhi.org.access import can

SENSITIVE_LIMITS = {
    "id_number": 18,
    "health": 2000,
    "income": 200,
    "exact_address": 200,
    "school": 100,
}


def _may_manage(actor, file_or_node) -> bool:
    if actor is None:
        return True
    if isinstance(file_or_node, AssistanceFile):
        return file_or_node.caseworker_id == getattr(actor, "pk", None) or can(
            actor, MANAGE_ASSISTANCE, file_or_node.node
        )
    return can(actor, MANAGE_ASSISTANCE, file_or_node)


def _sensitive(values: dict) -> dict:
    unknown = set(values) - set(SENSITIVE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    cleaned = {}
    for name, value in values.items():
        cleaned[name] = clean_text(value, name, SENSITIVE_LIMITS[name])
    number = cleaned.get("id_number")
    if number and not (
        len(number) in (15, 18)
        and number[:-1].isdigit()
        and (number[-1].isdigit() or number[-1] in "Xx")
    ):
        raise ValidationError(
            {"id_number": _("ID number: enter 15 or 18 digits (the last may be X).")}
        )
    return cleaned


def _consent(scope: str, consent_on, consent_by: str) -> tuple[str, date | None, str]:
    if scope not in ConsentScope.values:
        raise ValidationError({"consent_scope": _("Choose what may be published.")})
    consent_by = clean_text(consent_by, "consent_by", 50)
    if scope != ConsentScope.NONE and (consent_on is None or not consent_by):
        raise ValidationError(
            {"consent_on": _("Record when and by whom consent to publication was given.")}
        )
    return scope, consent_on, consent_by


def assistance_file_open(
    *,
    node,
    subject_name: str,
    pseudonym: str,
    categories,
    reason: str,
    caseworker,
    opened_on: date,
    actor=None,
    person=None,
    household=None,
    plan: str = "",
    organisation=None,
    party_member=None,
    volunteers=(),
    consent_scope: str = ConsentScope.NONE,
    consent_on=None,
    consent_by: str = "",
    sensitive: dict | None = None,
) -> AssistanceFile:
    """Open an assistance file with its caseworker, categories, consent and sensitive details."""
    if not _may_manage(actor, node):
        raise PermissionDenied(_("You may not open assistance files here."))
    errors: dict = {}
    for field, value, limit, label in (
        ("subject_name", subject_name, 50, _("Name")),
        ("pseudonym", pseudonym, 50, _("Pseudonym")),
        ("reason", reason, 4000, _("Why help is needed")),
    ):
        try:
            clean_text(value, field, limit, required=True, label=label)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if caseworker is None or not can(caseworker, MANAGE_ASSISTANCE, node):
        errors["caseworker"] = [_("The caseworker must work with assistance files here.")]
    categories = list(dict.fromkeys(categories or []))
    if not categories or any(c not in AssistanceCategory.values for c in categories):
        errors["categories"] = [_("Choose at least one category of need.")]
    if errors:
        raise ValidationError(errors)
    scope, consent_on, consent_by = _consent(consent_scope, consent_on, consent_by)
    details = _sensitive(sensitive or {})
    with transaction.atomic():
        file = AssistanceFile.objects.create(
            node=node,
            person=person,
            household=household,
            subject_name=subject_name.strip(),
            pseudonym=pseudonym.strip(),
            categories=categories,
            reason=reason.strip(),
            plan=clean_text(plan, "plan", 4000),
            caseworker=caseworker,
            organisation=organisation,
            party_member=party_member,
            consent_scope=scope,
            consent_on=consent_on,
            consent_by=consent_by,
            opened_on=opened_on,
        )
        if volunteers:
            file.volunteers.set(volunteers)
        SensitiveDetails.objects.create(file=file, **details)
        log_action(
            "charity.assistance.opened",
            actor=actor,
            obj=file,
            # Sensitive values are never copied into the audit log; only which were given.
            new={
                "categories": categories,
                "caseworker": caseworker.pk,
                "consent_scope": scope,
                "sensitive_fields": sorted(k for k, v in details.items() if v),
            },
        )
    return file


def assistance_consent_record(
    *, file: AssistanceFile, consent_scope: str, consent_on, consent_by: str, actor=None
) -> AssistanceFile:
    """Record (or withdraw, with ``none``) consent to publication."""
    if not _may_manage(actor, file):
        raise PermissionDenied(_("You may not change this file."))
    scope, consent_on, consent_by = _consent(consent_scope, consent_on, consent_by)
    with transaction.atomic():
        file = AssistanceFile.objects.select_for_update(no_key=True).get(pk=file.pk)
        old = {"consent_scope": file.consent_scope, "consent_on": file.consent_on}
        file.consent_scope, file.consent_on, file.consent_by = scope, consent_on, consent_by
        file.save(update_fields=["consent_scope", "consent_on", "consent_by"])
        log_action(
            "charity.assistance.consent_recorded",
            actor=actor,
            obj=file,
            old=old,
            new={"consent_scope": scope, "consent_on": consent_on, "consent_by": consent_by},
        )
    return file


def assistance_sensitive_update(*, file: AssistanceFile, actor, **values) -> SensitiveDetails:
    """Change sensitive details: only those who may see them may change them."""
    if actor is not None and not can_see_sensitive(actor, file):
        raise PermissionDenied(_("You may not change this file's sensitive details."))
    cleaned = _sensitive(values)
    with transaction.atomic():
        details, _created = SensitiveDetails.objects.select_for_update().get_or_create(file=file)
        for name, value in cleaned.items():
            setattr(details, name, value)
        details.save(update_fields=list(cleaned) or None)
        log_action(
            "charity.assistance.sensitive_changed",
            actor=actor,
            obj=file,
            data={"fields": sorted(cleaned)},
        )
    return details


def assistance_visit_add(
    *,
    file: AssistanceFile,
    kind: str,
    visited_on: date,
    note: str,
    support: str = "",
    is_public: bool = False,
    photo=None,
    actor=None,
) -> Visit:
    """Add a visit, support or call to the file's timeline, with an optional photo."""
    if not _may_manage(actor, file):
        raise PermissionDenied(_("You may not add to this file."))
    if kind not in VisitKind.values:
        raise ValidationError({"kind": _("Choose the kind of entry.")})
    if not isinstance(visited_on, date):
        raise ValidationError({"visited_on": _("Give the date.")})
    note = clean_text(note, "note", 4000, required=True, label=_("Note"))
    support = clean_text(support, "support", 300)
    content = photos.clean(photo, field="photo") if photo is not None else None
    with transaction.atomic():
        visit = Visit(
            file=file,
            kind=kind,
            visited_on=visited_on,
            note=note,
            support=support,
            is_public=bool(is_public),
            recorded_by=actor_or_none(actor),
        )
        if content is not None:
            visit.photo = content
        visit.save()
        log_action(
            "charity.assistance.visit_added",
            actor=actor,
            obj=file,
            data={"visit": visit.pk, "kind": kind, "on": visited_on},
        )
    return visit
