"""A report verified on site and closed earns its reporter points, once."""

from gongzhi.cases import services as s
from gongzhi.cases.choices import State
from gongzhi.org.services import person_create
from gongzhi.points.choices import Reason
from gongzhi.points.integrity import ledger_problems
from gongzhi.points.models import Transaction
from gongzhi.points.selectors import person_balance
from gongzhi.points.services import rule_set
from tests.cases.helpers import drive


def setup_points(world):
    """5 points per verified report; the resident login belongs to a person in building 1."""
    rule_set(
        community=world["community"],
        reason=Reason.VERIFIED_REPORT,
        points_per_unit=5,
        actor=world["users"]["staff"],
    )
    return person_create(node=world["b1"], name="刘居民", user=world["users"]["resident"])


def test_closing_a_verified_report_pays_its_reporter(world, report):
    person = setup_points(world)
    case = drive(world, report(), State.CLOSED)
    txn = Transaction.objects.get(reason=Reason.VERIFIED_REPORT)
    assert txn.source == case and txn.created_by == world["users"]["grid_worker"]
    assert person_balance(person) == 5
    assert ledger_problems() == []


def test_failed_verification_pays_nothing(world, report):
    person = setup_points(world)
    drive(world, report(), State.REWORK)
    assert person_balance(person) == 0


def test_closing_again_after_a_reopen_pays_once(world, report):
    person = setup_points(world)
    case = drive(world, report(), State.CLOSED)
    users = world["users"]
    case = s.case_reopen(case=case, actor=users["staff"], reason="居民反映又坏了")
    case = s.case_start_handling(case=case, actor=users["handler"])
    case = s.case_resolve(case=case, actor=users["handler"], note="再次维修")
    case = s.case_verify(case=case, actor=users["grid_worker"], passed=True)
    assert case.state == State.CLOSED and case.close_count == 2
    assert Transaction.objects.filter(reason=Reason.VERIFIED_REPORT).count() == 1
    assert person_balance(person) == 5


def test_a_report_without_a_known_reporter_pays_nobody(world, report):
    setup_points(world)
    drive(world, report(actor=world["users"]["stranger"]), State.CLOSED)
    assert not Transaction.objects.exists()
