"""Publication of reports after review, and the audited look at a report's original text."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.disclosure import why_not_publishable
from gongzhi.cases.selectors.public import PUBLIC_STATES_HIDDEN
from gongzhi.cases.services.common import lock_case
from gongzhi.core.audit import log_action
from gongzhi.org.access import can


def _allowed(actor, permission, node) -> bool:
    return getattr(actor, "is_superuser", False) or (
        getattr(actor, "is_authenticated", False) and can(actor, permission, node)
    )


def case_publish(*, case, actor, publish: bool = True):
    """Show a reviewed report publicly (``publish``) or take it off the public surfaces.

    Needs ``cases.publish`` at the case's node. Publishing respects the category's policy and
    the reporter's word (``why_not_publishable``); rejected and merged reports are not shown.
    Writes ``cases.case.published`` / ``cases.case.unpublished``; a repeat changes nothing.
    """
    with transaction.atomic():
        locked = lock_case(case)
        if not _allowed(actor, perms.PUBLISH, locked.node):
            raise PermissionDenied(
                _("You may not publish case %(ref)s.") % {"ref": locked.reference}
            )
        if publish:
            reason = why_not_publishable(locked)
            if not reason and locked.state in PUBLIC_STATES_HIDDEN:
                reason = _("Rejected and merged reports are not published.")
            if reason:
                raise ValidationError({"is_public": reason})
        if locked.is_public == publish:
            return locked
        locked.is_public = publish
        locked.version += 1
        locked.save(update_fields=["is_public", "version", "updated_at"])
        log_action(
            "cases.case.published" if publish else "cases.case.unpublished",
            actor=actor,
            obj=locked,
            old={"is_public": not publish},
            new={"is_public": publish},
            data={"reference": locked.reference, "category": locked.category.code},
        )
    return locked


def may_view_original(user, case) -> bool:
    """May ``user`` ask for the case's original text and the reporter's full contacts?"""
    return _allowed(user, perms.VIEW_ORIGINAL, case.node)


def case_view_original(*, case, actor, reason: str = "") -> dict:
    """The report as the reporter gave it (description, address, name, phone, e-mail), for a
    member of staff with ``cases.view_original``; every look is written to the audit trail
    (``cases.case.original_viewed``) before the text is handed out."""
    if not may_view_original(actor, case):
        raise PermissionDenied(_("You may not see the original of this report."))
    with transaction.atomic():
        log_action(
            "cases.case.original_viewed",
            actor=actor,
            obj=case,
            data={"reference": case.reference, "reason": (reason or "")[:200]},
        )
    return {
        "description": case.description,
        "address": case.address,
        "reporter_name": case.reporter_name,
        "reporter_phone": case.reporter_phone,
        "reporter_email": case.reporter_email,
        "resolution_note": case.resolution_note,
    }
