import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from gongzhi.core.models import AuditEntry
from gongzhi.points.choices import AccountKind, Reason, TransactionKind
from gongzhi.points.errors import InsufficientPoints, NotReversible, Unbalanced
from gongzhi.points.models import Account, Entry, LedgerImmutable, Transaction
from gongzhi.points.selectors import account_sum, person_balance
from gongzhi.points.services import points_adjust, points_award, points_reverse
from gongzhi.points.services.booking import account_for_person, book


@pytest.fixture
def awarded(rules, make_person):
    person = make_person()
    txn = points_award(person=person, reason=Reason.GOOD_DEED, idempotency_key="deed:1")
    return person, txn


def test_award_moves_points_from_the_issuing_account(awarded, community):
    person, txn = awarded
    issuing = Account.objects.get(kind=AccountKind.ISSUING, node=community)
    assert issuing.balance == -20
    assert person_balance(person) == 20
    assert {e.account_id: e.amount for e in txn.entries.all()} == {
        issuing.pk: -20,
        account_for_person(person).pk: 20,
    }


def test_reversal_books_negated_entries_and_keeps_the_original(awarded, staff):
    person, txn = awarded
    reversal = points_reverse(transaction=txn, reason="duplicate record", actor=staff)
    assert reversal.kind == TransactionKind.REVERSAL
    assert reversal.reverses == txn
    assert person_balance(person) == 0
    assert Transaction.objects.filter(pk=txn.pk).exists()
    assert sorted(e.amount for e in reversal.entries.all()) == [-20, 20]
    assert AuditEntry.objects.filter(action="points.transaction.reversed").count() == 1


def test_a_transaction_is_reversed_once(awarded, staff):
    _person, txn = awarded
    points_reverse(transaction=txn, reason="mistake", actor=staff)
    with pytest.raises(NotReversible):
        points_reverse(transaction=txn, reason="again", actor=staff)


def test_reversal_frees_the_cap(rules, make_person, staff):
    person = make_person()
    first = points_award(
        person=person, reason=Reason.SERVICE_HOUR, quantity=3, idempotency_key="h1"
    )
    points_reverse(transaction=first, reason="wrong person", actor=staff)
    points_award(person=person, reason=Reason.SERVICE_HOUR, quantity=3, idempotency_key="h2")
    assert person_balance(person) == 30


def test_reversal_of_spent_points_is_refused(awarded, staff, make_goods):
    person, txn = awarded
    from gongzhi.points.services import order_place

    order_place(person=person, goods=make_goods(price=15), actor=person.user)
    with pytest.raises(InsufficientPoints):
        points_reverse(transaction=txn, reason="mistake", actor=staff)
    assert person_balance(person) == 5


def test_reversal_needs_manage_permission(awarded, clerk):
    _person, txn = awarded
    with pytest.raises(PermissionDenied):
        points_reverse(transaction=txn, reason="mistake", actor=clerk)


def test_reversal_needs_a_reason(awarded, staff):
    with pytest.raises(ValidationError):
        points_reverse(transaction=awarded[1], reason=" ", actor=staff)


def test_adjustment_cannot_take_a_person_below_zero(make_person, staff):
    person = make_person()
    points_adjust(person=person, amount=10, memo="welcome", actor=staff)
    with pytest.raises(InsufficientPoints):
        points_adjust(person=person, amount=-11, memo="typo", actor=staff)
    assert person_balance(person) == 10


def test_ledger_rows_refuse_update_and_delete(awarded):
    _person, txn = awarded
    entry = txn.entries.first()
    for action in (txn.delete, entry.delete, txn.save, entry.save):
        with pytest.raises(LedgerImmutable):
            action()
    with pytest.raises(LedgerImmutable):
        Entry.objects.all().delete()
    with pytest.raises(LedgerImmutable):
        Transaction.objects.update(memo="changed")
    with pytest.raises(LedgerImmutable):
        Account.objects.all().delete()


def test_book_refuses_unbalanced_legs(make_person, community):
    person = make_person()
    account = account_for_person(person)
    with pytest.raises(Unbalanced), transaction.atomic():
        book(kind=TransactionKind.ADJUSTMENT, legs=[(account, 5)], idempotency_key="u")
    assert not Transaction.objects.exists()


def test_non_issuing_balance_check_constraint(make_person):
    account = account_for_person(make_person())
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=account.pk).update(balance=-1)


def test_points_check_passes_on_consistent_books(awarded, capsys):
    call_command("points_check")
    assert "OK" in capsys.readouterr().out


def test_points_check_fails_on_a_drifted_balance(awarded, capsys):
    person, _txn = awarded
    account = account_for_person(person)
    Account.objects.filter(pk=account.pk).update(balance=999)
    with pytest.raises(CommandError):
        call_command("points_check")
    assert f"account {account.pk}" in capsys.readouterr().err
    assert account_sum(account) == 20


@pytest.mark.django_db(transaction=True)
def test_database_refuses_to_commit_unbalanced_entries(small_tree, make_person):
    if connection.vendor != "postgresql":
        pytest.skip("the commit-time balance trigger exists on PostgreSQL only")
    account = account_for_person(make_person())
    with pytest.raises(IntegrityError), transaction.atomic():
        txn = Transaction.objects.create(
            kind=TransactionKind.ADJUSTMENT, idempotency_key="raw", occurred_at="2025-01-01T00:00Z"
        )
        Entry.objects.create(transaction=txn, account=account, amount=5)
    assert not Transaction.objects.filter(idempotency_key="raw").exists()
