"""Windowed reads for the figures other apps compute over the points ledger (the insights app's
KPIs): the legs booked on people's accounts by awards and redemptions that occurred in the
window, placed at the person's node. Reversals and cancellations are their own transactions and
count in their own month; they do not change an earlier month's figure.
"""

from __future__ import annotations

from django.db.models import Q, Sum

from gongzhi.points.choices import AccountKind, TransactionKind
from gongzhi.points.models import Entry

AWARDED = Q(transaction__kind=TransactionKind.AWARD)
REDEEMED = Q(transaction__kind=TransactionKind.REDEMPTION)


def person_entries(*, path: str, start, end):
    """Entries on people's accounts, of people in the subtree, occurring in the window."""
    return Entry.objects.filter(
        account__kind=AccountKind.PERSON,
        account__person__node__path__startswith=path,
        transaction__occurred_at__gte=start,
        transaction__occurred_at__lt=end,
        transaction__kind__in=[TransactionKind.AWARD, TransactionKind.REDEMPTION],
    )


def entry_aggregates() -> dict:
    return {
        "awarded": Sum("amount", filter=AWARDED),
        "redeemed": -Sum("amount", filter=REDEEMED),
    }
