from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongzhi.points.choices import Reason
from gongzhi.points.models import Transaction
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import points_award, rule_set
from tests.points.conftest import at


def award(person, key, reason=Reason.SERVICE_HOUR, quantity=1, when=None):
    return points_award(
        person=person, reason=reason, quantity=quantity, idempotency_key=key, occurred_at=when
    )


def test_award_applies_points_per_unit(rules, make_person):
    person = make_person()
    txn = award(person, "a1", quantity=Decimal("2.5"), when=at(2025, 5, 1))
    assert person_balance(person) == 25
    assert txn.requested_points == 25
    assert sum(e.amount for e in txn.entries.all()) == 0


def test_partial_hours_round_down(rules, make_person):
    person = make_person()
    award(person, "a1", quantity=Decimal("0.19"), when=at(2025, 5, 1))
    assert person_balance(person) == 1


def test_daily_cap_awards_what_fits_then_nothing(rules, make_person):
    person = make_person()
    assert award(person, "a1", quantity=2, when=at(2025, 5, 1, 9)) is not None
    partial = award(person, "a2", quantity=2, when=at(2025, 5, 1, 15))
    assert person_balance(person) == 30
    assert partial.requested_points == 20
    assert partial.entries.get(account__person=person).amount == 10
    assert award(person, "a3", quantity=1, when=at(2025, 5, 1, 18)) is None
    # The next day the daily cap starts again.
    assert award(person, "a4", quantity=1, when=at(2025, 5, 2)) is not None
    assert person_balance(person) == 40


def test_monthly_cap_stops_awards_across_days(rules, make_person):
    person = make_person()
    for day in range(1, 5):
        award(person, f"d{day}", quantity=3, when=at(2025, 6, day))
    assert person_balance(person) == 100  # four days × 30 capped at 100 for June
    assert award(person, "d5", quantity=1, when=at(2025, 6, 5)) is None
    assert award(person, "july", quantity=1, when=at(2025, 7, 1)) is not None


def test_caps_are_per_reason(rules, make_person):
    person = make_person()
    award(person, "h", quantity=5, when=at(2025, 5, 1))
    award(person, "r", reason=Reason.VERIFIED_REPORT, quantity=3, when=at(2025, 5, 1))
    assert person_balance(person) == 30 + 15


def test_caps_count_per_person(rules, make_person):
    first, second = make_person(), make_person()
    award(first, "f", quantity=5, when=at(2025, 5, 1))
    award(second, "s", quantity=1, when=at(2025, 5, 1))
    assert person_balance(second) == 10


def test_same_key_books_once(rules, make_person):
    person = make_person()
    first = award(person, "checkout:7", quantity=1)
    again = award(person, "checkout:7", quantity=3)
    assert again.pk == first.pk
    assert person_balance(person) == 10
    assert Transaction.objects.filter(idempotency_key="checkout:7").count() == 1


def test_key_of_another_person_is_refused(rules, make_person):
    first, second = make_person(), make_person()
    award(first, "k")
    with pytest.raises(ValidationError):
        award(second, "k")


def test_no_rule_means_no_award(rules, make_person):
    person = make_person()
    assert award(person, "c", reason=Reason.COUNCIL_ATTENDANCE) is None
    assert person_balance(person) == 0


def test_inactive_rule_awards_nothing(rules, make_person, community, staff):
    rule_set(
        community=community,
        reason=Reason.VERIFIED_REPORT,
        points_per_unit=5,
        is_active=False,
        actor=staff,
    )
    assert award(make_person(), "r", reason=Reason.VERIFIED_REPORT) is None


def test_person_above_community_level_gets_nothing(rules, make_person, small_tree):
    street_person = make_person(node=small_tree["street"])
    assert award(street_person, "s") is None


def test_nearest_community_rule_applies(rules, make_person, small_tree):
    # The grid worker sits on a grid; the grid's community rule applies.
    assert award(make_person(node=small_tree["grid2"]), "g", quantity=1) is not None


@pytest.mark.parametrize("bad", [0, -1, "x", True, Decimal("NaN"), 10**6])
def test_bad_quantity_is_refused(rules, make_person, bad):
    with pytest.raises(ValidationError) as info:
        award(make_person(), "bad", quantity=bad)
    assert "quantity" in info.value.message_dict


def test_unknown_reason_and_empty_key_are_refused(rules, make_person):
    person = make_person()
    with pytest.raises(ValidationError):
        award(person, "x", reason="bribe")
    with pytest.raises(ValidationError):
        award(person, "  ")
