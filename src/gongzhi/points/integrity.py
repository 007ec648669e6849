"""Proofs that the ledger and the stock hold together (used by ``gongzhi points_check``)."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from gongzhi.points.choices import AccountKind
from gongzhi.points.models import Account, Goods, Transaction


def ledger_problems() -> list[str]:
    """Every way the books disagree with themselves, one line each; empty when all is well."""
    problems = []
    accounts = Account.objects.annotate(total=Sum("entries__amount")).values_list(
        "pk", "kind", "balance", "total"
    )
    for pk, kind, balance, total in accounts.iterator():
        total = total or 0
        if balance != total:
            problems.append(f"account {pk}: cached balance {balance} != sum of entries {total}")
        if kind != AccountKind.ISSUING and total < 0:
            problems.append(f"account {pk} ({kind}) is below zero: {total}")
    unbalanced = (
        Transaction.objects.annotate(total=Sum("entries__amount"), legs=Count("entries"))
        .filter(Q(legs=0) | ~Q(total=0))
        .values_list("pk", "total", "legs")
    )
    for pk, total, legs in unbalanced.iterator():
        if legs == 0:
            problems.append(f"transaction {pk} has no entries")
        else:
            problems.append(f"transaction {pk}: entries sum to {total}, not 0")
    stock = Goods.objects.annotate(total=Sum("movements__quantity")).values_list(
        "pk", "stock", "total"
    )
    for pk, cached, total in stock.iterator():
        total = total or 0
        if cached != total or total < 0:
            problems.append(f"goods {pk}: cached stock {cached}, sum of movements {total}")
    return problems
