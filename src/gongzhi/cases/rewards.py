"""The one place where cases hand a verified report to the points ledger.

When a case passes on-site verification and closes, the resident who reported it earns points
for a verified report by their community's rule (``gongzhi.points``, optional: without it this
does nothing). It runs inside the verification's transaction, so the closing and the points
commit together. The idempotency key names the case, so a case closed, reopened and closed
again pays its reporter once.
"""

from __future__ import annotations

from django.apps import apps

REASON = "verified_report"


def award_verified_report(case, actor):
    """Award the reporter of the just-closed ``case``; the booked transaction or None.

    Only a known reporter (``case.reporter_person``) earns points; a report without one, no
    community rule, or full caps award nothing.
    """
    if not apps.is_installed("gongzhi.points") or case.reporter_person_id is None:
        return None
    from gongzhi.points import services as points_services

    return points_services.points_award(
        person=case.reporter_person,
        reason=REASON,
        quantity=1,
        source=case,
        idempotency_key=f"cases.case:{case.pk}:{REASON}",
        actor=actor,
    )
