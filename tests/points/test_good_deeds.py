import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongzhi.core.models import AuditEntry
from gongzhi.points.choices import GoodDeedState
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import good_deed_approve, good_deed_propose, good_deed_reject


@pytest.fixture
def deed(rules, make_person):
    person = make_person()
    return good_deed_propose(
        person=person,
        description="帮邻居搬运了一楼道的杂物",
        occurred_on=timezone.localdate(),
        actor=person.user,
    )


def test_approval_awards_the_good_deed_rule(deed, staff):
    txn = good_deed_approve(deed=deed, actor=staff)
    deed.refresh_from_db()
    assert deed.state == GoodDeedState.APPROVED
    assert deed.transaction == txn
    assert txn.source == deed
    assert person_balance(deed.person) == 20


def test_a_deed_is_decided_once(deed, staff):
    good_deed_approve(deed=deed, actor=staff)
    with pytest.raises(ValidationError):
        good_deed_approve(deed=deed, actor=staff)
    with pytest.raises(ValidationError):
        good_deed_reject(deed=deed, actor=staff, note="no")
    assert person_balance(deed.person) == 20


def test_rejection_needs_a_note_and_awards_nothing(deed, staff):
    with pytest.raises(ValidationError):
        good_deed_reject(deed=deed, actor=staff, note="")
    good_deed_reject(deed=deed, actor=staff, note="already paid by the property company")
    assert person_balance(deed.person) == 0
    assert AuditEntry.objects.filter(action="points.good_deed.rejected").exists()


def test_residents_cannot_approve_or_propose_for_others(deed, make_person):
    other = make_person()
    with pytest.raises(PermissionDenied):
        good_deed_approve(deed=deed, actor=other.user)
    with pytest.raises(PermissionDenied):
        good_deed_propose(
            person=deed.person, description="x", occurred_on=timezone.localdate(), actor=other.user
        )


def test_staff_propose_for_residents_but_not_in_the_future(rules, make_person, staff):
    person = make_person(user=False)
    good_deed_propose(
        person=person, description="扶老人过马路", occurred_on=timezone.localdate(), actor=staff
    )
    with pytest.raises(ValidationError):
        good_deed_propose(
            person=person,
            description="x",
            occurred_on=timezone.localdate() + dt.timedelta(days=2),
            actor=staff,
        )
