"""Earning points: awards by rule and cap, reversals and manual adjustments."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Sum
from django.db.transaction import atomic
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.core.audit import log_action
from gongzhi.org.access import can
from gongzhi.points.choices import AccountKind, Reason, TransactionKind
from gongzhi.points.errors import InsufficientPoints, NotReversible
from gongzhi.points.models import Entry, PointsRule, Transaction
from gongzhi.points.periods import day_range, month_range
from gongzhi.points.permissions import MANAGE
from gongzhi.points.selectors import community_of, rule_for
from gongzhi.points.services.booking import (
    account_for_person,
    book,
    community_account,
    lock_accounts,
    transaction_summary,
)

MAX_KEY_LENGTH = 200
# Awards may be booked late (hours confirmed after the activity), not for the future.
FUTURE_TOLERANCE = dt.timedelta(hours=1)


def _quantity(value) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError({"quantity": _("The quantity must be a number.")})
    try:
        quantity = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValidationError({"quantity": _("The quantity must be a number.")}) from exc
    if not quantity.is_finite() or quantity <= 0 or quantity > Decimal("10000"):
        raise ValidationError({"quantity": _("The quantity must be above 0 and at most 10000.")})
    return quantity.quantize(Decimal("0.01"), rounding=ROUND_FLOOR)


def _key(value: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_KEY_LENGTH:
        raise ValidationError(
            {"idempotency_key": _("An idempotency key of 1 to 200 characters is required.")}
        )
    return value.strip()


def _earlier_award(key: str, person) -> Transaction | None:
    """The award already booked under ``key``; a key reused for anything else is an error."""
    txn = Transaction.objects.filter(idempotency_key=key).first()
    if txn is None:
        return None
    same = (
        txn.kind == TransactionKind.AWARD
        and txn.entries.filter(account__kind=AccountKind.PERSON, account__person=person).exists()
    )
    if not same:
        raise ValidationError(
            {"idempotency_key": _("This key was already used for a different booking.")}
        )
    return txn


def _used(account, reason: str, start, end, excluding=()) -> int:
    """Points the account earned for ``reason`` in [start, end), net of reversals, leaving
    out the transactions ``excluding`` (ids of awards about to be replaced)."""
    return (
        Entry.objects.filter(
            account=account,
            transaction__reason=reason,
            transaction__occurred_at__gte=start,
            transaction__occurred_at__lt=end,
        )
        .exclude(transaction_id__in=list(excluding))
        .aggregate(total=Sum("amount"))["total"]
        or 0
    )


def capped(rule: PointsRule, account, occurred_at, requested: int, excluding=()) -> int:
    """What still fits under the rule's day and month caps (the account must be locked);
    the awards ``excluding`` (ids) are not counted."""
    amount = requested
    if rule.daily_cap is not None:
        used = _used(account, rule.reason, *day_range(occurred_at), excluding)
        amount = min(amount, rule.daily_cap - used)
    if rule.monthly_cap is not None:
        used = _used(account, rule.reason, *month_range(occurred_at), excluding)
        amount = min(amount, rule.monthly_cap - used)
    return max(amount, 0)


def _floor_points(quantity: Decimal, rule) -> int:
    return int((quantity * rule.points_per_unit).to_integral_value(rounding=ROUND_FLOOR))


def points_award(
    *,
    person,
    reason: str,
    quantity: Decimal | int = 1,
    source=None,
    idempotency_key: str,
    actor=None,
    occurred_at: dt.datetime | None = None,
    awarded_before: Decimal | int = 0,
) -> Transaction | None:
    """Award points to ``person`` for ``quantity`` units of ``reason`` by their community's rule.

    ``awarded_before`` is how many units of the same source were already awarded (service
    hours topped up from 1.25 to 1.5): the points are then those the total earns less those
    the earlier units earned, so topping up in quarter hours loses no fractional points.

    ``reason`` is one of ``Reason`` ("service_hour", "verified_report", "council_attendance",
    "good_deed"). Points = floor(quantity × points per unit), cut to what fits under the day
    and month caps (counted by the local day/month of ``occurred_at``). Returns the booked
    transaction, the earlier one when ``idempotency_key`` was seen before, or None when there
    is nothing to award (no community, no active rule, or the caps are full).
    Safe to call inside the caller's own transaction.
    """
    if reason not in Reason.values:
        raise ValidationError({"reason": _("Unknown reason for points: %(r)s") % {"r": reason}})
    quantity = _quantity(quantity)
    key = _key(idempotency_key)
    occurred_at = occurred_at or timezone.now()
    if timezone.is_naive(occurred_at):
        raise ValidationError({"occurred_at": _("The time must carry a time zone.")})
    if occurred_at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({"occurred_at": _("Points cannot be awarded for the future.")})
    earlier = _earlier_award(key, person)
    if earlier is not None:
        return earlier
    community = community_of(person.node)
    rule = rule_for(community=community, reason=reason)
    if rule is None:
        return None
    before = _quantity(awarded_before) if awarded_before else Decimal("0")
    requested = _floor_points(before + quantity, rule) - _floor_points(before, rule)
    if requested <= 0:
        return None
    account = account_for_person(person)
    issuing = community_account(community, AccountKind.ISSUING)
    try:
        with atomic():
            locked = lock_accounts([account.pk, issuing.pk])
            earlier = _earlier_award(key, person)
            if earlier is not None:
                return earlier
            amount = capped(rule, locked[account.pk], occurred_at, requested)
            if amount <= 0:
                log_action(
                    "points.award.capped_out",
                    actor=actor,
                    obj=person,
                    data={"reason": reason, "requested": requested, "key": key},
                )
                return None
            txn = book(
                kind=TransactionKind.AWARD,
                legs=[(issuing, -amount), (account, amount)],
                idempotency_key=key,
                reason=reason,
                community=community,
                source=source,
                quantity=quantity,
                requested_points=requested,
                actor=actor,
                occurred_at=occurred_at,
                locked=locked,
                memo=_("%(reason)s × %(q)s") % {"reason": Reason(reason).label, "q": quantity},
            )
            log_action(
                "points.award.booked",
                actor=actor,
                obj=txn,
                data={**transaction_summary(txn), "requested": requested, "person": person.pk},
            )
            return txn
    except IntegrityError:
        # Another request booked the same key between our check and our insert.
        earlier = _earlier_award(key, person)
        if earlier is None:
            raise
        return earlier


def _require_manage(actor, community) -> None:
    """``actor=None`` is the system itself (imports, the demo); people need ``points.manage``."""
    if community is None:
        raise ValidationError(_("This person belongs to no community that keeps points."))
    if actor is not None and not can(actor, MANAGE, community):
        raise PermissionDenied(_("You may not manage points here."))


REVERSIBLE = {TransactionKind.AWARD, TransactionKind.ADJUSTMENT, TransactionKind.EXPIRY}


def points_reverse(*, transaction: Transaction, reason: str, actor) -> Transaction:
    """Undo a booked award, adjustment or expiry with a new transaction of negated entries.

    The original stays as it was. Each transaction can be reversed once; orders are undone by
    ``order_cancel`` instead. Raises ``InsufficientPoints`` when the person has already spent
    the points, and ``PermissionDenied`` without ``points.manage`` on the community.
    """
    original = transaction
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the transaction is reversed.")})
    if original.kind not in REVERSIBLE:
        raise NotReversible(
            _("A %(kind)s cannot be reversed here.") % {"kind": original.get_kind_display()}
        )
    _require_manage(actor, original.community)
    with atomic():
        original = Transaction.objects.select_for_update().get(pk=original.pk)
        if Transaction.objects.filter(reverses=original).exists():
            raise NotReversible(_("This transaction has already been reversed."))
        return book_reversal(original=original, why=reason, actor=actor)


def book_reversal(*, original: Transaction, why: str, actor, locked=None) -> Transaction:
    """Book and audit the reversal of ``original`` (locked, not yet reversed) inside the
    caller's transaction; ``InsufficientPoints`` when its points are already spent."""
    legs = [(e.account, -e.amount) for e in original.entries.select_related("account")]
    try:
        txn = book(
            kind=TransactionKind.REVERSAL,
            legs=legs,
            idempotency_key=f"reversal:{original.pk}",
            reason=original.reason,
            community=original.community,
            source=original,
            reverses=original,
            actor=actor,
            occurred_at=original.occurred_at,
            memo=why,
            locked=locked,
        )
    except InsufficientPoints as exc:
        raise InsufficientPoints(
            _("These points have already been spent, so the booking cannot be reversed.")
        ) from exc
    log_action(
        "points.transaction.reversed",
        actor=actor,
        obj=txn,
        data={**transaction_summary(txn), "reverses": original.pk, "why": why},
    )
    return txn


def points_adjust(
    *, person, amount: int, memo: str, actor, idempotency_key: str = ""
) -> Transaction:
    """Staff correct a person's balance by ``amount`` (positive or negative) against the
    community's issuing account, with a reason; needs ``points.manage``."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount == 0:
        raise ValidationError({"amount": _("The adjustment must be a whole number other than 0.")})
    if abs(amount) > 1_000_000:
        raise ValidationError({"amount": _("The adjustment is too large.")})
    memo = (memo or "").strip()
    if not memo:
        raise ValidationError({"memo": _("Say why the balance is adjusted.")})
    community = community_of(person.node)
    _require_manage(actor, community)
    key = _key(idempotency_key) if idempotency_key else f"adjustment:{uuid.uuid4().hex}"
    account = account_for_person(person)
    issuing = community_account(community, AccountKind.ISSUING)
    with atomic():
        txn = book(
            kind=TransactionKind.ADJUSTMENT,
            legs=[(issuing, -amount), (account, amount)],
            idempotency_key=key,
            community=community,
            actor=actor,
            memo=memo,
        )
        log_action("points.adjustment.booked", actor=actor, obj=txn, data=transaction_summary(txn))
    return txn
