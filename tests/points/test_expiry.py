import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from gongzhi.points.choices import AccountKind, TransactionKind
from gongzhi.points.models import Account, Transaction
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import points_adjust, points_expire, points_reverse, policy_set
from tests.points.conftest import at


@pytest.fixture
def clock(monkeypatch):
    """Set "now" for bookings (created_at) and for the services."""

    def set_now(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_now


@pytest.fixture
def history(make_person, staff, community, clock):
    """50 earned and 20 spent in 2024; 30 earned and 10 spent in early 2025."""
    policy_set(community=community, expire_yearly=True, actor=staff)
    person = make_person()
    for moment, amount in [
        (at(2024, 6, 1), 50),
        (at(2024, 7, 1), -20),
        (at(2025, 2, 1), 30),
        (at(2025, 3, 1), -10),
    ]:
        clock(moment)
        points_adjust(person=person, amount=amount, memo="history", actor=staff)
    clock(at(2025, 4, 1))
    return person


def test_points_left_from_the_year_expire(history, community):
    booked = points_expire(year=2024)
    assert len(booked) == 1
    # 30 held at the end of 2024, 10 of them spent since: 20 expire, 30 from 2025 remain.
    assert person_balance(history) == 30
    sink = Account.objects.get(kind=AccountKind.EXPIRY, node=community)
    assert sink.balance == 20
    assert booked[0].kind == TransactionKind.EXPIRY


def test_expiry_runs_once_per_year(history):
    points_expire(year=2024)
    assert points_expire(year=2024) == []
    assert person_balance(history) == 30
    assert Transaction.objects.filter(kind=TransactionKind.EXPIRY).count() == 1


def test_nothing_expires_when_the_community_does_not_ask(history, community, staff):
    policy_set(community=community, expire_yearly=False, actor=staff)
    assert points_expire(year=2024) == []
    assert person_balance(history) == 50


def test_a_year_that_is_not_over_cannot_expire(history):
    with pytest.raises(ValidationError):
        points_expire(year=2025)


def test_expired_points_of_the_next_year_count_the_earlier_expiry(history, clock, staff):
    points_expire(year=2024)
    clock(at(2026, 1, 10))
    points_expire(year=2025)
    # The 30 earned in 2025 were never spent: they expire a year later.
    assert person_balance(history) == 0


def test_expiry_can_be_reversed(history, staff):
    (txn,) = points_expire(year=2024)
    points_reverse(transaction=txn, reason="resident was in hospital", actor=staff)
    assert person_balance(history) == 50


def test_expire_command_is_idempotent(history, capsys):
    call_command("points_expire", year=2024)
    call_command("points_expire", year=2024)
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "1 account(s) expired, 20 point(s) in all",
        "0 account(s) expired, 0 point(s) in all",
    ]
    call_command("points_check")
