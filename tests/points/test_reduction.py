from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongzhi.points.choices import Reason, TransactionKind
from gongzhi.points.errors import InsufficientPoints
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Transaction
from gongzhi.points.selectors import awards_for_source, person_balance
from gongzhi.points.services import points_adjust, points_award, points_reduce_award, rule_set
from tests.points.conftest import at


@pytest.fixture
def awarded(rules, make_person, small_tree):
    """A person awarded 3 hours (30 points, the daily cap) for a source (here a node)."""
    person = make_person()
    source = small_tree["b1"]
    points_award(
        person=person,
        reason=Reason.SERVICE_HOUR,
        quantity=3,
        source=source,
        idempotency_key="src:0",
        occurred_at=at(2025, 5, 1),
    )
    return person, source


def reduce(source, quantity, key="src:1"):
    return points_reduce_award(
        source=source,
        reason=Reason.SERVICE_HOUR,
        quantity=quantity,
        idempotency_key=key,
        why="更正",
    )


def test_reduction_replaces_the_award_with_what_the_new_quantity_earns(awarded):
    person, source = awarded
    original = awards_for_source(source).get()
    new = reduce(source, Decimal("1.5"))
    assert person_balance(person) == 15
    assert new.quantity == Decimal("1.50") and new.occurred_at == original.occurred_at
    assert Transaction.objects.get(reverses=original).kind == TransactionKind.REVERSAL
    assert list(awards_for_source(source, live_only=True)) == [new]
    assert ledger_problems() == []


def test_reduction_to_zero_reverses_everything(awarded):
    person, source = awarded
    assert reduce(source, 0) is None
    assert person_balance(person) == 0
    assert not awards_for_source(source, live_only=True).exists()


def test_no_reduction_when_the_quantity_is_not_lower(awarded):
    person, source = awarded
    count = Transaction.objects.count()
    assert reduce(source, 3) is None
    assert reduce(source, 5) is None
    assert Transaction.objects.count() == count and person_balance(person) == 30


def test_reduction_needs_only_the_difference_in_the_balance(awarded, staff):
    person, source = awarded
    points_adjust(person=person, amount=-25, memo="spent elsewhere", actor=staff)
    reduce(source, Decimal("2.5"))  # takes back 5 of the 5 left
    assert person_balance(person) == 0
    with pytest.raises(InsufficientPoints):
        reduce(source, 1, key="src:2")
    assert person_balance(person) == 0
    assert ledger_problems() == []


def test_without_an_active_rule_the_points_shrink_in_proportion(awarded, community, staff):
    person, source = awarded
    rule_set(
        community=community,
        reason=Reason.SERVICE_HOUR,
        points_per_unit=10,
        is_active=False,
        actor=staff,
    )
    reduce(source, 1)
    assert person_balance(person) == 10


def test_a_raised_rule_never_makes_a_reduction_pay_more(awarded, community, staff):
    person, source = awarded
    rule_set(community=community, reason=Reason.SERVICE_HOUR, points_per_unit=50, actor=staff)
    assert reduce(source, 2) is None
    assert person_balance(person) == 30


def test_reduction_checks_its_input(awarded):
    _person, source = awarded
    with pytest.raises(ValidationError) as info:
        points_reduce_award(
            source=source, reason=Reason.SERVICE_HOUR, quantity=1, idempotency_key="k", why=" "
        )
    assert "why" in info.value.message_dict
    for bad in (-1, "abc", True):
        with pytest.raises(ValidationError) as info:
            reduce(source, bad)
        assert "quantity" in info.value.message_dict
