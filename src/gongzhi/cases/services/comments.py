"""Notes on a case: the handler's progress, staff remarks, the reporter's extra details."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import FINAL_STATES, Action
from gongzhi.cases.models import CaseEvent
from gongzhi.cases.services.common import acts_for_party, lock_case, record
from gongzhi.org.access import can

NOTE_MAX = 2000


def case_comment(*, case, actor, text: str, public: bool = False) -> CaseEvent:
    """Add a note to the case's timeline (public notes are shown to the reporter and public).

    The reporter, staff with ``cases.comment`` at the case's node and the assigned party's
    handlers may write; a finished case takes no more notes.
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note first.")})
    if len(text) > NOTE_MAX:
        raise ValidationError({"text": _("At most %(n)d characters, please.") % {"n": NOTE_MAX}})
    with transaction.atomic():
        locked = lock_case(case)
        is_reporter = locked.reporter_user_id and locked.reporter_user_id == getattr(
            actor, "pk", None
        )
        if not (
            getattr(actor, "is_superuser", False)
            or is_reporter
            or can(actor, perms.COMMENT, locked.node)
            or acts_for_party(actor, locked, perms.COMMENT)
        ):
            raise PermissionDenied(_("You may not add notes to this case."))
        if locked.state in FINAL_STATES:
            raise ValidationError({"text": _("This case is finished; notes cannot be added.")})
        return record(locked, Action.COMMENT, actor=actor, public=bool(public), note=text)
