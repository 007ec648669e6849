"""Enforcement, volunteering and points KPIs on hand-made data."""

import datetime as dt
from decimal import Decimal

import pytest

from gongzhi.enforcement.choices import DocumentKind
from gongzhi.enforcement.models import (
    EnforcementAuthority,
    EnforcementDocument,
    IllegalStructure,
    ServiceRecord,
    StructureRevisit,
)
from gongzhi.insights.periods import Period
from gongzhi.insights.selectors import figures
from gongzhi.org.models import Person
from gongzhi.points.choices import AccountKind, TransactionKind
from gongzhi.points.models import Account, Entry, Transaction
from gongzhi.volunteering.models import Activity, Attendance, ServiceTeam

from .conftest import local

MARCH = Period(2026, 3)


@pytest.fixture
def ledger(small_tree):
    authority = EnforcementAuthority.objects.create(
        name="测试执法局", code="TS", node=small_tree["street"], document_prefix="测执"
    )
    seq = iter(range(1, 1000))

    def structure(found_at, *, demolished_on=None, area=None, node=None):
        return IllegalStructure.objects.create(
            reference=f"WJ-{next(seq)}",
            authority=authority,
            node=node or small_tree["grid1"],
            address="3幢北侧",
            structure_type="shed",
            found_by="patrol",
            area_found=Decimal("20"),
            found_at=found_at,
            demolished_on=demolished_on,
            area_removed=area,
        )

    def serve(record, kind, served_on):
        n = next(seq)
        doc = EnforcementDocument.objects.create(
            record=record,
            authority=authority,
            kind=kind,
            year=served_on.year,
            seq=n,
            number=f"测执{n}",
            issued_on=served_on,
            snapshot={},
            pdf="x.pdf",
        )
        ServiceRecord.objects.create(
            document=doc, served_on=served_on, method="direct", recipient="张三"
        )

    return structure, serve


def test_structures_found_and_stop_order_within_a_day(small_tree, ledger):
    structure, serve = ledger
    quick = structure(local(2026, 3, 3, 16))
    serve(quick, DocumentKind.STOP_ORDER, dt.date(2026, 3, 4))  # the next day: in time
    slow = structure(local(2026, 3, 3, 9))
    serve(slow, DocumentKind.STOP_ORDER, dt.date(2026, 3, 5))
    structure(local(2026, 3, 10))  # no stop order yet
    structure(local(2026, 4, 1, 8))  # April
    f = figures(small_tree["street"], MARCH)
    assert f.value("structures_found") == 3
    assert f.value("found_to_notice_within_day_rate") == round(1 / 3, 4)


def test_demolitions_area_and_within_a_week(small_tree, ledger):
    structure, serve = ledger
    a = structure(local(2026, 2, 1), demolished_on=dt.date(2026, 3, 10), area=Decimal("12.5"))
    serve(a, DocumentKind.DEMOLITION_ORDER, dt.date(2026, 3, 3))  # exactly 7 days before
    b = structure(local(2026, 2, 1), demolished_on=dt.date(2026, 3, 20), area=Decimal("30"))
    serve(b, DocumentKind.DEMOLITION_ORDER, dt.date(2026, 3, 12))  # 8 days before
    structure(local(2026, 2, 1), demolished_on=dt.date(2026, 3, 31), area=Decimal("7.25"))
    structure(local(2026, 2, 1), demolished_on=dt.date(2026, 4, 1), area=Decimal("99"))
    f = figures(small_tree["district"], MARCH)
    assert f.value("structures_demolished") == 3
    assert f.value("area_demolished_m2") == 49.75
    assert f.value("notice_to_demolition_within_week_rate") == 0.5


def test_revisits_done_in_the_month(small_tree, ledger):
    structure, _ = ledger
    record = structure(local(2026, 1, 1), demolished_on=dt.date(2026, 1, 5), area=Decimal("5"))
    StructureRevisit.objects.create(
        record=record, seq=1, due_on=dt.date(2026, 3, 1), done_at=local(2026, 3, 2)
    )
    StructureRevisit.objects.create(record=record, seq=2, due_on=dt.date(2026, 4, 1))
    assert figures(small_tree["grid1"], MARCH).value("revisits_done") == 1


@pytest.fixture
def activity(small_tree):
    team = ServiceTeam.objects.create(name="志愿队", node=small_tree["community"])

    def make(node, starts_at):
        return Activity.objects.create(
            title="清扫",
            team=team,
            node=node,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=3),
            capacity=10,
            signup_opens_at=starts_at - dt.timedelta(days=5),
            signup_closes_at=starts_at - dt.timedelta(hours=1),
            state="finished",
        )

    return make


def test_volunteer_hours_activities_and_people(small_tree, activity):
    one = activity(small_tree["grid1"], local(2026, 3, 5))
    two = activity(small_tree["grid2"], local(2026, 3, 25))
    april = activity(small_tree["grid1"], local(2026, 4, 2))
    wang = Person.objects.create(name="王明", node=small_tree["b1"])
    li = Person.objects.create(name="李红", node=small_tree["b2"])
    for act, person, hours in [
        (one, wang, "2.5"),
        (two, wang, "3"),
        (two, li, "1.25"),
        (april, li, "4"),
    ]:
        Attendance.objects.create(
            activity=act,
            person=person,
            check_in_at=act.starts_at,
            check_in_method="qr",
            hours=Decimal(hours),
        )
    f = figures(small_tree["community"], MARCH)
    assert f.value("volunteer_hours") == 6.75
    assert f.value("activities_held") == 2
    assert f.value("volunteers_active") == 2
    by_child = figures(small_tree["community"], MARCH, group="child")
    assert by_child.value("volunteers_active") == 2  # not 3: one person in two grids
    assert by_child.value("volunteers_active", group=small_tree["grid2"].path) == 2


def test_points_awarded_and_redeemed(small_tree):
    wang = Person.objects.create(name="王明", node=small_tree["b1"])
    mine = Account.objects.create(kind=AccountKind.PERSON, person=wang)
    issuing = Account.objects.create(kind=AccountKind.ISSUING, node=small_tree["community"])
    store = Account.objects.create(kind=AccountKind.STORE, node=small_tree["community"])
    n = iter(range(100))

    def book(kind, amount, when, other):
        tx = Transaction.objects.create(kind=kind, idempotency_key=f"k{next(n)}", occurred_at=when)
        Entry.objects.create(transaction=tx, account=mine, amount=amount)
        Entry.objects.create(transaction=tx, account=other, amount=-amount)

    book(TransactionKind.AWARD, 30, local(2026, 3, 2), issuing)
    book(TransactionKind.AWARD, 12, local(2026, 3, 30), issuing)
    book(TransactionKind.REDEMPTION, -20, local(2026, 3, 15), store)
    book(TransactionKind.AWARD, 50, local(2026, 4, 2), issuing)
    f = figures(small_tree["grid1"], MARCH)
    assert f.value("points_awarded") == 42
    assert f.value("points_redeemed") == 20
    assert figures(small_tree["grid2"], MARCH).value("points_awarded") == 0
