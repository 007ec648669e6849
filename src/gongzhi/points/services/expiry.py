"""Yearly expiry of unspent points, for communities whose policy asks for it.

Points held at the end of a year and not spent since expire (spending uses the oldest points
first). Expiry is booked as entries from the person's account to the community's expiry
account, one transaction per account and year, so running it again changes nothing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.db.transaction import atomic
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.points.choices import AccountKind, TransactionKind
from gongzhi.points.models import Account, PointsPolicy, Transaction
from gongzhi.points.periods import year_end
from gongzhi.points.services.booking import (
    book,
    community_account,
    lock_accounts,
    transaction_summary,
)


def _expirable(accounts, end) -> dict[int, int]:
    """Per account: points held at ``end`` minus everything spent or taken after it."""
    rows = accounts.annotate(
        held=Sum("entries__amount", filter=Q(entries__transaction__created_at__lt=end)),
        taken=Sum(
            "entries__amount",
            filter=Q(entries__transaction__created_at__gte=end, entries__amount__lt=0),
        ),
    ).values_list("pk", "held", "taken")
    result = {}
    for pk, held, taken in rows:
        amount = (held or 0) + (taken or 0)
        if amount > 0:
            result[pk] = amount
    return result


def expiry_key(year: int, account_pk: int) -> str:
    return f"expiry:{year}:{account_pk}"


def points_expire(*, year: int, actor=None) -> list[Transaction]:
    """Expire, in every community with yearly expiry on, the points left over from ``year``.

    ``year`` must be over. Returns the transactions booked by this run (empty on a re-run).
    """
    end = year_end(year)
    if end > timezone.now():
        raise ValidationError({"year": _("Points can expire only for a year that is over.")})
    booked = []
    for policy in PointsPolicy.objects.filter(expire_yearly=True).select_related("community"):
        community = policy.community
        accounts = Account.objects.filter(
            kind=AccountKind.PERSON, person__node__path__startswith=community.path
        )
        candidates = _expirable(accounts, end)
        if not candidates:
            continue
        sink = community_account(community, AccountKind.EXPIRY)
        for pk in sorted(candidates):
            txn = _expire_account(pk, sink, community, year, end, actor)
            if txn is not None:
                booked.append(txn)
    return booked


def _expire_account(pk, sink, community, year, end, actor) -> Transaction | None:
    key = expiry_key(year, pk)
    with atomic():
        locked = lock_accounts([pk, sink.pk])
        if Transaction.objects.filter(idempotency_key=key).exists():
            return None
        # Recount under the lock: a redemption may have landed since the first count.
        amount = _expirable(Account.objects.filter(pk=pk), end).get(pk, 0)
        amount = min(amount, locked[pk].balance)
        if amount <= 0:
            return None
        txn = book(
            kind=TransactionKind.EXPIRY,
            legs=[(locked[pk], -amount), (sink, amount)],
            idempotency_key=key,
            community=community,
            actor=actor,
            occurred_at=end,
            locked=locked,
            memo=_("Unspent points of %(year)d expired.") % {"year": year},
        )
        log_action("points.expiry.booked", actor=actor, obj=txn, data=transaction_summary(txn))
    return txn
