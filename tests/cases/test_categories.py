"""The seeded category tree and staff editing of leaves, questions and policy."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from gongzhi.cases.models import CasePolicy, Category, CategoryQuestion
from gongzhi.cases.policy import policy_for
from gongzhi.cases.services import category_question_save, category_update, policy_save
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign


def test_seed_is_idempotent_and_keeps_staff_edits(db):
    call_command("seed_categories")
    leaves = Category.objects.filter(is_group=False)
    assert 40 <= leaves.count() <= 60
    assert not leaves.filter(responsible_force="").exists()
    assert {"物业服务", "邻里纠纷", "噪音", "停车", "电动车充电", "施工管理"} <= set(
        Category.objects.filter(is_group=True).values_list("name", flat=True)
    )
    illegal = Category.objects.get(code="construction-illegal-building")
    assert (illegal.name, illegal.responsible_force, illegal.revisit_after_days) == (
        "私搭乱建",
        "enforcement",
        30,
    )
    Category.objects.filter(pk=illegal.pk).update(handle_limit=9)
    counts = (Category.objects.count(), CategoryQuestion.objects.count())
    call_command("seed_categories")
    assert (Category.objects.count(), CategoryQuestion.objects.count()) == counts
    assert Category.objects.get(pk=illegal.pk).handle_limit == 9


def test_district_staff_edit_a_leaf_and_community_staff_may_not(world, make_user):
    lift = world["lift"]
    with pytest.raises(PermissionDenied):
        category_update(category=lift, actor=world["users"]["staff"], handle_limit=1)
    district_staff = make_user("district_staff")
    role_assign(user=district_staff, role=Role.STAFF, node=world["district"])
    lift = category_update(category=lift, actor=district_staff, handle_limit=1, handle_unit="hours")
    assert (lift.handle_limit, lift.handle_unit) == (1, "hours")
    with pytest.raises(ValidationError):
        category_update(category=lift, actor=district_staff, handle_limit=0)
    with pytest.raises(ValidationError):
        category_update(category=lift, actor=district_staff, responsible_force="")
    with pytest.raises(ValidationError):
        category_update(category=lift, actor=district_staff, code="renamed")


def test_choice_question_needs_choices(world, make_user):
    admin = make_user("root", is_superuser=True)
    with pytest.raises(ValidationError):
        category_question_save(
            category=world["noise"], code="when", label="何时?", type="single_choice", actor=admin
        )
    question = category_question_save(
        category=world["noise"],
        code="when",
        label="何时?",
        type="single_choice",
        choices=["白天", "夜间"],
        actor=admin,
    )
    assert question.choice_keys == ["白天", "夜间"]


def test_policy_nearest_up_the_tree_wins(world, make_user):
    admin = make_user("root", is_superuser=True)
    assert policy_for(world["grid1"]).reference_prefix == "GZ"
    policy_save(actor=admin, reference_prefix="CC")
    policy_save(actor=admin, node=world["community"], reference_prefix="XS")
    assert policy_for(world["grid1"]).reference_prefix == "XS"
    assert policy_for(world["street"]).reference_prefix == "CC"
    assert CasePolicy.objects.count() == 2
    with pytest.raises(PermissionDenied):
        policy_save(actor=world["users"]["grid_worker"], node=world["grid1"], duplicate_radius_m=9)
