"""Reconciliation of the inventory ledger: every drive, place and item kind must balance.

received + transferred in = on hand + on its way + delivered + written off + transferred out

where *on hand* is the stored stock level (the cache the services keep under lock) and the
other terms are sums of movements. Besides the balance, the cache must equal the sum of its
movements and never be negative, every delivery must have exactly its items allocated (none
once cancelled), and every received pledge exactly its items received.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from gongzhi.charity.choices import DeliveryState, MovementKind, PledgeState
from gongzhi.charity.models import DeliveryItem, Movement, PledgeItem, StockLevel

ON_ITS_WAY = (DeliveryState.PLANNED, DeliveryState.SIGNED)


@dataclass
class Balance:
    """The ledger of one (drive, place, item kind)."""

    received: int = 0
    transferred_in: int = 0
    on_hand: int = 0  # the stored stock level
    movements_sum: int = 0
    on_its_way: int = 0
    delivered: int = 0
    cancelled: int = 0
    written_off: int = 0
    transferred_out: int = 0

    @property
    def incoming(self) -> int:
        return self.received + self.transferred_in

    @property
    def accounted(self) -> int:
        return (
            self.on_hand
            + self.on_its_way
            + self.delivered
            + self.written_off
            + self.transferred_out
        )


@dataclass
class Report:
    balances: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def balances(drive_ids=None) -> dict[tuple[int, int, int], Balance]:
    """Each (drive id, place id, item kind id) with its terms, from two grouped queries."""
    result: dict[tuple[int, int, int], Balance] = defaultdict(Balance)
    levels = StockLevel.objects.all()
    movements = Movement.objects.all()
    if drive_ids is not None:
        levels = levels.filter(drive_id__in=drive_ids)
        movements = movements.filter(drive_id__in=drive_ids)
    for row in levels.values("drive_id", "place_id", "item_kind_id", "on_hand"):
        result[(row["drive_id"], row["place_id"], row["item_kind_id"])].on_hand = row["on_hand"]
    grouped = movements.values("drive_id", "place_id", "item_kind_id", "kind", "delivery__state")
    for row in grouped.annotate(total=Sum("quantity")).order_by():
        balance = result[(row["drive_id"], row["place_id"], row["item_kind_id"])]
        total, kind = row["total"], row["kind"]
        balance.movements_sum += total
        if kind == MovementKind.RECEIVED:
            balance.received += total
        elif kind == MovementKind.TRANSFERRED_IN:
            balance.transferred_in += total
        elif kind == MovementKind.WRITTEN_OFF:
            balance.written_off -= total
        elif kind == MovementKind.TRANSFERRED_OUT:
            balance.transferred_out -= total
        else:  # allocated (−) and released (+), by the state of their delivery
            state = row["delivery__state"]
            if state == DeliveryState.DONE:
                balance.delivered -= total
            elif state in ON_ITS_WAY:
                balance.on_its_way -= total
            else:
                balance.cancelled -= total
    return dict(result)


def _delivery_problems(drive_ids) -> list[str]:
    allocated = Movement.objects.filter(
        kind__in=(MovementKind.ALLOCATED, MovementKind.RELEASED), delivery__isnull=False
    )
    items = DeliveryItem.objects.select_related("delivery")
    if drive_ids is not None:
        allocated = allocated.filter(drive_id__in=drive_ids)
        items = items.filter(delivery__drive_id__in=drive_ids)
    net = defaultdict(int)
    for row in allocated.values("delivery_id", "item_kind_id").annotate(t=Sum("quantity")):
        net[(row["delivery_id"], row["item_kind_id"])] = -row["t"]
    expected = defaultdict(int)
    for item in items:
        if item.delivery.state != DeliveryState.CANCELLED:
            expected[(item.delivery_id, item.item_kind_id)] = item.quantity
    problems = []
    for key in sorted(set(net) | set(expected)):
        if net[key] != expected[key]:
            problems.append(
                f"delivery {key[0]} item kind {key[1]}: {net[key]} allocated, "
                f"{expected[key]} expected"
            )
    return problems


def _pledge_problems(drive_ids) -> list[str]:
    received = Movement.objects.filter(kind=MovementKind.RECEIVED)
    items = PledgeItem.objects.filter(pledge__state=PledgeState.RECEIVED)
    if drive_ids is not None:
        received = received.filter(drive_id__in=drive_ids)
        items = items.filter(pledge__drive_id__in=drive_ids)
    got = defaultdict(int)
    problems = []
    for row in received.values("pledge_id", "item_kind_id").annotate(t=Sum("quantity")):
        if row["pledge_id"] is None:
            problems.append(
                f"item kind {row['item_kind_id']}: {row['t']} received without a pledge"
            )
            continue
        got[(row["pledge_id"], row["item_kind_id"])] = row["t"]
    expected = {(i.pledge_id, i.item_kind_id): i.quantity for i in items}
    for key in sorted(set(got) | set(expected)):
        if got.get(key, 0) != expected.get(key, 0):
            problems.append(
                f"pledge {key[0]} item kind {key[1]}: {got.get(key, 0)} received, "
                f"{expected.get(key, 0)} pledged"
            )
    return problems


def reconcile(drive_ids=None) -> Report:
    """Check every drive (or the given ones), place and item kind; list what disagrees."""
    report = Report(balances=balances(drive_ids))
    for (drive_id, place_id, kind_id), b in sorted(report.balances.items()):
        where = f"drive {drive_id} place {place_id} item kind {kind_id}"
        if b.on_hand != b.movements_sum:
            report.problems.append(
                f"{where}: stock level {b.on_hand} but movements sum to {b.movements_sum}"
            )
        if b.on_hand < 0:
            report.problems.append(f"{where}: stock level below zero ({b.on_hand})")
        if b.cancelled:
            report.problems.append(
                f"{where}: {b.cancelled} still allocated to cancelled deliveries"
            )
        if b.incoming != b.accounted:
            report.problems.append(
                f"{where}: received {b.incoming} ≠ on hand {b.on_hand} + on its way {b.on_its_way}"
                f" + delivered {b.delivered} + written off {b.written_off}"
                f" + transferred {b.transferred_out}"
            )
    report.problems += _delivery_problems(drive_ids)
    report.problems += _pledge_problems(drive_ids)
    return report
