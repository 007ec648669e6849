"""Creating and changing an enforcement authority's policy (through the admin)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.enforcement.choices import DeadlineUnit
from gongzhi.enforcement.models import EnforcementAuthority

RULES = ("investigate", "stop_order", "demolition_order", "reminder", "forced")


def clean_revisit_days(value) -> list[int]:
    if not isinstance(value, list) or not value or len(value) > 6:
        raise ValidationError({"revisit_days": _("Give one to six day counts, e.g. [30, 90].")})
    days = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 730:
            raise ValidationError({"revisit_days": _("Each is a whole number of days, 1 to 730.")})
        days.append(item)
    return sorted(set(days))


def authority_update(*, authority: EnforcementAuthority, actor, **changes) -> EnforcementAuthority:
    """Save a new or changed authority after checking it; only administrators may."""
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("Only administrators change enforcement authorities."))
    for field, value in changes.items():
        setattr(authority, field, value)
    authority.revisit_days = clean_revisit_days(authority.revisit_days)
    for rule in RULES:
        amount, unit = authority.rule(rule)
        if unit == DeadlineUnit.WORKDAY_END and amount != int(amount):
            raise ValidationError({f"{rule}_amount": _("Count whole working days for this unit.")})
    authority.full_clean()
    adding = authority.pk is None
    with transaction.atomic():
        old = {} if adding else model_to_dict(EnforcementAuthority.objects.get(pk=authority.pk))
        authority.save()
        new = model_to_dict(authority)
        changed = {k: new[k] for k in new if old.get(k) != new[k]}
        log_action(
            "enforcement.authority.created" if adding else "enforcement.authority.changed",
            actor=actor,
            obj=authority,
            old={k: old.get(k) for k in changed} if old else None,
            new=changed,
        )
    return authority
