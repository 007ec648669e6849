import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth import get_user_model

from gongzhi.core.models import AuditEntry
from gongzhi.org.demo import build_demo, register_demo_builder, unregister_demo_builder
from gongzhi.org.demo.digest import database_digest, plan_digest
from gongzhi.org.demo.plan import make_plan
from gongzhi.org.models import (
    Household,
    HubHousehold,
    Node,
    PartnerUnit,
    Party,
    PartyBinding,
    PartyOrg,
    Person,
    RoleAssignment,
)

MODELS = (Node, Household, Person, Party, PartyBinding, PartyOrg, HubHousehold, PartnerUnit)
ROOT = Path(__file__).resolve().parents[3]


def _counts():
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts["users"] = get_user_model().objects.count()
    counts["roles"] = RoleAssignment.objects.count()
    counts["audit"] = AuditEntry.objects.count()
    return counts


def test_running_the_demo_again_creates_nothing(demo_db):
    before = _counts()
    again = build_demo()
    assert again["created"] == {}
    assert _counts() == before
    assert [row["username"] for row in again["logins"]] == [
        row["username"] for row in demo_db["logins"]
    ]


def test_a_missing_piece_is_restored_without_duplicating_the_rest(demo_db):
    get_user_model().objects.filter(username="dianyuan").delete()
    before = _counts()
    again = build_demo()
    assert again["created"] == {"users": 1, "role assignments": 1}
    assert Person.objects.filter(user__username="dianyuan").count() == 1
    assert _counts()["Person"] == before["Person"]


def test_database_holds_exactly_the_plan(demo_db):
    plan = make_plan()
    assert database_digest(plan) == plan_digest(plan)


def test_plan_is_the_same_in_a_fresh_process_with_another_hash_seed(demo_db):
    script = (
        "import django; django.setup()\n"
        "from gongzhi.org.demo.plan import make_plan\n"
        "from gongzhi.org.demo.digest import plan_digest\n"
        "print(plan_digest(make_plan()))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "1", "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == plan_digest(make_plan())


def test_registered_builders_run_after_the_org_demo_in_order(demo_db):
    calls = []

    def later(run):
        calls.append(("later", run.node("320602-kaifaqu-xinsheng").name))

    def sooner(run):
        calls.append(("sooner", len(run.nodes)))
        run.add_login("zhiyuanzhe", "volunteer", "新胜社区")

    register_demo_builder("test-later", later, order=50)
    register_demo_builder("test-sooner", sooner, order=10)
    try:
        summary = build_demo()
    finally:
        unregister_demo_builder("test-later")
        unregister_demo_builder("test-sooner")
    assert calls[0][0] == "sooner" and calls[0][1] > 250
    assert calls[1] == ("later", "新胜社区")
    assert summary["logins"][-1]["username"] == "zhiyuanzhe"
