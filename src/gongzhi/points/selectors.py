"""Reads of the points app: balances, statements, goods, orders, the rules that apply."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Sum

from gongzhi.core import hotcache
from gongzhi.org import cached
from gongzhi.org.choices import Level
from gongzhi.org.models import Node
from gongzhi.points.choices import AccountKind, LimitPeriod, OrderState, TransactionKind
from gongzhi.points.models import Account, Entry, Goods, Order, PointsRule, Transaction
from gongzhi.points.periods import day_range, month_range, week_range


def community_of(node: Node | None) -> Node | None:
    """The nearest community at or above ``node`` (None above community level), from the
    process's cached chain of the tree (``org.cached``): no query once the chain is known."""
    if node is None:
        return None
    if node.level == Level.COMMUNITY:
        return node
    found = [n for n in cached.chain(node) if n.level == Level.COMMUNITY]
    return hotcache.fresh(found[-1]) if found else None


def rule_for(*, community: Node | None, reason: str) -> PointsRule | None:
    if community is None:
        return None
    return PointsRule.objects.filter(community=community, reason=reason, is_active=True).first()


def person_account(person) -> Account | None:
    return Account.objects.filter(kind=AccountKind.PERSON, person=person).first()


def person_balance(person) -> int:
    account = person_account(person)
    return account.balance if account else 0


def account_sum(account: Account) -> int:
    """The balance as the sum of the account's entries (what the cached balance must equal)."""
    return account.entries.aggregate(total=Sum("amount"))["total"] or 0


def person_entries(person):
    """A person's statement, newest first, with each entry's transaction and source."""
    return (
        Entry.objects.filter(account__kind=AccountKind.PERSON, account__person=person)
        .select_related("transaction", "transaction__source_type", "transaction__community")
        .order_by("-id")
    )


def awards_for_source(source, *, reason: str | None = None, live_only: bool = False):
    """The awards booked for ``source`` (any model instance), oldest first; ``live_only``
    leaves out the reversed ones."""
    awards = Transaction.objects.filter(
        kind=TransactionKind.AWARD,
        source_type=ContentType.objects.get_for_model(source),
        source_id=str(source.pk),
    )
    if reason is not None:
        awards = awards.filter(reason=reason)
    if live_only:
        awards = awards.filter(reversal__isnull=True)
    return awards.order_by("occurred_at", "id")


def goods_for_community(community: Node | None, *, active_only: bool = True):
    if community is None:
        return Goods.objects.none()
    qs = Goods.objects.filter(community=community).select_related("donor")
    return qs.filter(is_active=True) if active_only else qs


def person_orders(person):
    return (
        Order.objects.filter(person=person)
        .select_related("goods", "goods__community")
        .order_by("-placed_at", "-id")
    )


PERIOD_RANGE = {LimitPeriod.DAY: day_range, LimitPeriod.WEEK: week_range}
PERIOD_RANGE[LimitPeriod.MONTH] = month_range


def ordered_in_period(*, person, goods: Goods, moment) -> int:
    """How many of ``goods`` the person ordered (and did not cancel) in the limit period."""
    if not goods.has_limit:
        return 0
    start, end = PERIOD_RANGE[goods.limit_period](moment)
    return (
        Order.objects.filter(person=person, goods=goods, placed_at__gte=start, placed_at__lt=end)
        .filter(~Q(state=OrderState.CANCELLED))
        .aggregate(total=Sum("quantity"))["total"]
        or 0
    )


def points_redeemed(*, node: Node, start, end) -> int:
    """Points spent in the stores under ``node`` on orders placed in [start, end) and not
    cancelled (for the public portal's figures). One query."""
    total = (
        Order.objects.filter(
            goods__community__path__startswith=node.path, placed_at__gte=start, placed_at__lt=end
        )
        .exclude(state=OrderState.CANCELLED)
        .aggregate(total=Sum("points"))["total"]
    )
    return int(total or 0)
