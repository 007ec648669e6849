"""Acting on several cases at once: each case through its own service call and transaction,
so that one refusal does not undo the others, with a result per case."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gongzhi.cases.errors import CaseConflict
from gongzhi.cases.services.workflow import case_dispatch


@dataclass
class BulkOutcome:
    """What happened to one case of a bulk action: ``ok`` and a sentence to show."""

    reference: str
    ok: bool
    message: str
    case: object = None


def case_dispatch_many(*, cases, actor, party=None, note: str = "") -> list[BulkOutcome]:
    """Dispatch each case to ``party`` (each case's suggested party when None) through
    ``case_dispatch``; return one outcome per case in the given order. Refusals (state,
    permission, no party) are reported per case, never raised."""
    outcomes = []
    for case in cases:
        try:
            moved = case_dispatch(case=case, actor=actor, party=party, note=note)
        except CaseConflict as exc:
            outcomes.append(BulkOutcome(case.reference, False, exc.message, case))
        except ValidationError as exc:
            outcomes.append(BulkOutcome(case.reference, False, " ".join(exc.messages), case))
        except PermissionDenied as exc:
            outcomes.append(
                BulkOutcome(
                    case.reference,
                    False,
                    str(exc) or _("You may not dispatch this case."),
                    case,
                )
            )
        else:
            outcomes.append(
                BulkOutcome(
                    moved.reference,
                    True,
                    _("Dispatched to %(party)s.") % {"party": moved.assigned_party},
                    moved,
                )
            )
    return outcomes
