"""The one place where entries are written: balanced, locked, cached balances kept in step."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.points.choices import AccountKind
from gongzhi.points.errors import InsufficientPoints, Unbalanced
from gongzhi.points.models import Account, Entry, Transaction


def account_for_person(person) -> Account:
    """The person's account, opened on first use (safe when two requests open it at once)."""
    account, _created = Account.objects.get_or_create(kind=AccountKind.PERSON, person=person)
    return account


def community_account(community, kind: str) -> Account:
    """A community's issuing, store or expiry account, opened on first use."""
    if kind == AccountKind.PERSON:
        raise ValueError("use account_for_person for personal accounts")
    account, _created = Account.objects.get_or_create(kind=kind, node=community, person=None)
    return account


def lock_accounts(account_ids) -> dict[int, Account]:
    """Lock the accounts' rows in id order (one order everywhere, so no deadlocks).

    ``FOR NO KEY UPDATE`` on PostgreSQL: the balance is not a key, and the weaker lock does not
    wait for transactions that merely insert entries pointing at the account (their foreign
    keys take ``FOR KEY SHARE``), such as an order that moves its balances at its very end."""
    ids = sorted(set(account_ids))
    locked = Account.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
    return {account.pk: account for account in locked}


def book(
    *,
    kind: str,
    legs: list[tuple[Account, int]],
    idempotency_key: str,
    memo: str = "",
    reason: str = "",
    community=None,
    source=None,
    quantity=None,
    requested_points=None,
    reverses: Transaction | None = None,
    actor=None,
    occurred_at=None,
    locked: dict[int, Account] | None = None,
) -> Transaction:
    """Book one transaction of ``legs`` (account, signed amount) inside the caller's atomic block.

    Refuses unbalanced legs, and any leg that would take a non-issuing account below zero
    (``InsufficientPoints``); updates each account's cached balance with its row locked.
    ``locked``: accounts the caller has already locked in this transaction (from
    ``lock_accounts``), so that they are not locked and read a second time.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("book() must run inside the service's transaction")
    totals: dict[int, int] = defaultdict(int)
    for account, amount in legs:
        totals[account.pk] += int(amount)
    totals = {pk: amount for pk, amount in totals.items() if amount != 0}
    if not totals:
        raise Unbalanced(_("A transaction needs at least one non-zero entry."))
    if sum(totals.values()) != 0:
        raise Unbalanced()
    if locked is not None and set(totals) <= set(locked):
        accounts = locked
    else:
        accounts = lock_accounts(totals)
    for pk, amount in totals.items():
        account = accounts[pk]
        if account.kind != AccountKind.ISSUING and account.balance + amount < 0:
            raise _short(account.balance, -amount)
    txn = _write(
        totals,
        kind=kind,
        idempotency_key=idempotency_key,
        memo=memo,
        reason=reason,
        community=community,
        source=source,
        quantity=quantity,
        requested_points=requested_points,
        reverses=reverses,
        actor=actor,
        occurred_at=occurred_at,
    )
    for pk, amount in totals.items():
        account = accounts[pk]
        account.balance += amount
        account.save(update_fields=["balance"])
    return txn


def _short(have: int, need: int) -> InsufficientPoints:
    return InsufficientPoints(
        _("Not enough points: %(have)d available, %(need)d needed.") % {"have": have, "need": need}
    )


def _write(
    totals: dict[int, int], *, memo="", source=None, actor=None, occurred_at=None, **fields
) -> Transaction:
    """Insert the transaction (``fields`` are its columns) and its entries; the balances are the
    caller's business. The legs are kept on it as ``booked_legs``."""
    txn = Transaction(
        memo=memo[:500],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        occurred_at=occurred_at or timezone.now(),
        **fields,
    )
    if source is not None:
        txn.source_type = ContentType.objects.get_for_model(source)
        txn.source_id = str(source.pk)
    txn.save()
    Entry.objects.bulk_create(
        [Entry(transaction=txn, account_id=pk, amount=amount) for pk, amount in totals.items()]
    )
    txn.booked_legs = totals
    return txn


def record_transfer(
    *,
    kind: str,
    debit: Account,
    credit: Account,
    points: int,
    idempotency_key: str,
    memo: str = "",
    community=None,
    actor=None,
) -> Transaction:
    """Insert a transaction moving ``points`` from ``debit`` to ``credit`` and its two entries,
    without touching either balance: ``move_balances`` does that, at the end of the same atomic
    block, so that the accounts' rows are locked for as short a time as possible."""
    if not connection.in_atomic_block:
        raise RuntimeError("record_transfer() must run inside the service's transaction")
    if points <= 0 or debit.pk == credit.pk:
        raise Unbalanced(_("A transaction needs at least one non-zero entry."))
    return _write(
        {debit.pk: -points, credit.pk: points},
        kind=kind,
        idempotency_key=idempotency_key,
        memo=memo,
        community=community,
        actor=actor,
    )


def move_balances(txn: Transaction, *, debit: Account, credit: Account) -> None:
    """Move the cached balances of a recorded transfer, without reading them first.

    One conditional ``UPDATE`` per account in id order (the order every service locks accounts
    in); the debit one only ``WHERE balance >= points`` unless it is an issuing account. A
    debit that would go below zero updates nothing and raises ``InsufficientPoints``, and the
    caller's atomic block rolls the whole transfer back.
    """
    for account in sorted((debit, credit), key=lambda a: a.pk):
        amount = txn.booked_legs[account.pk]
        rows = Account.objects.filter(pk=account.pk)
        if amount < 0 and account.kind != AccountKind.ISSUING:
            rows = rows.filter(balance__gte=-amount)
        if not rows.update(balance=F("balance") + amount):
            have = Account.objects.filter(pk=account.pk).values_list("balance", flat=True).first()
            raise _short(have or 0, -amount)


def transaction_summary(txn: Transaction) -> dict:
    """The just-booked transaction as audit data: its kind, key and legs."""
    return {
        "transaction": txn.pk,
        "kind": txn.kind,
        "reason": txn.reason,
        "key": txn.idempotency_key,
        "entries": {str(pk): amount for pk, amount in txn.booked_legs.items()},
    }
