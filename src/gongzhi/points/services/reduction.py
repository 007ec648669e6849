"""Taking back part of an award when what earned it shrinks (a leader lowers a volunteer's
service hours): the award is replaced by the one the smaller quantity earns."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.transaction import atomic
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.points.choices import AccountKind, TransactionKind
from gongzhi.points.models import Entry, Transaction
from gongzhi.points.selectors import awards_for_source, rule_for
from gongzhi.points.services.awards import _key, book_reversal, capped
from gongzhi.points.services.booking import book, community_account, lock_accounts


def _new_quantity(value) -> Decimal:
    try:
        quantity = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValidationError({"quantity": _("The quantity must be a number.")}) from exc
    if isinstance(value, bool) or not quantity.is_finite() or quantity < 0:
        raise ValidationError({"quantity": _("The quantity must be 0 or more.")})
    return quantity.quantize(Decimal("0.01"), rounding=ROUND_FLOOR)


def _points_for(rule, quantity, live_points: int, live_quantity: Decimal) -> int:
    """What ``quantity`` earns by the rule in force, or in proportion to what was booked when
    the community no longer has an active rule; never more than was booked."""
    if rule is not None:
        points = int((quantity * rule.points_per_unit).to_integral_value(rounding=ROUND_FLOOR))
    else:
        share = Decimal(live_points) * quantity / live_quantity
        points = int(share.to_integral_value(rounding=ROUND_FLOOR))
    return min(points, live_points)


def points_reduce_award(
    *, source, reason: str, quantity, idempotency_key: str, why: str, actor=None
) -> Transaction | None:
    """Bring the points awarded for ``source`` down to what ``quantity`` units now earn.

    The source's live awards for ``reason`` (those not reversed) are replaced in one
    transaction: first the award ``quantity`` earns (by the community's rule and caps, the
    replaced awards not counted; at most what they booked) is booked under
    ``idempotency_key``, then each replaced award is reversed. So the person needs only the
    difference in their balance; ``InsufficientPoints`` when even that is already spent, and
    then nothing is written. Nothing happens (None) when ``quantity`` is not below the
    quantity already awarded, so a retry books nothing twice. Returns the new award, or None
    when nothing was booked (the quantity earns nothing, or the points stay as they were).

    Like ``points_award`` this checks no permission: the calling service decides who may
    lower what. Call it inside your own ``transaction.atomic()``.
    """
    quantity = _new_quantity(quantity)
    key = _key(idempotency_key)
    why = (why or "").strip()
    if not why:
        raise ValidationError({"why": _("Say why the award is reduced.")})
    with atomic():
        live = list(
            awards_for_source(source, reason=reason, live_only=True)
            .select_for_update(of=("self",))
            .select_related("community")
        )
        live_quantity = sum((txn.quantity or Decimal("0") for txn in live), Decimal("0"))
        if not live or quantity >= live_quantity:
            return None
        person_entries = list(
            Entry.objects.filter(transaction__in=live, account__kind=AccountKind.PERSON)
        )
        account_ids = {entry.account_id for entry in person_entries}
        community = live[0].community
        if len(account_ids) != 1 or any(txn.community_id != community.pk for txn in live):
            raise ValidationError(_("These awards belong to different people or communities."))
        (account_id,) = account_ids
        issuing = community_account(community, AccountKind.ISSUING)
        locked = lock_accounts([account_id, issuing.pk])
        live_points = sum(entry.amount for entry in person_entries)
        occurred_at = live[0].occurred_at
        rule = rule_for(community=community, reason=reason)
        requested = _points_for(rule, quantity, live_points, live_quantity)
        amount = requested
        if rule is not None:
            excluding = [txn.pk for txn in live]
            amount = capped(rule, locked[account_id], occurred_at, requested, excluding)
        if amount >= live_points:
            return None
        new = None
        if amount > 0:
            new = book(
                kind=TransactionKind.AWARD,
                legs=[(issuing, -amount), (locked[account_id], amount)],
                idempotency_key=key,
                reason=reason,
                community=community,
                source=source,
                quantity=quantity,
                requested_points=requested,
                actor=actor,
                occurred_at=occurred_at,
                locked=locked,
                memo=why,
            )
        for txn in live:
            book_reversal(original=txn, why=why, actor=actor, locked=locked)
        log_action(
            "points.award.reduced",
            actor=actor,
            obj=new or live[0],
            old={"points": live_points, "quantity": str(live_quantity)},
            new={"points": amount, "quantity": str(quantity)},
            data={
                "reason": reason,
                "replaced": [txn.pk for txn in live],
                "award": new.pk if new else None,
                "why": why,
            },
        )
    return new
