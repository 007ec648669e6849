"""Seeding the category tree (idempotent: only what is missing is created, staff edits stay)."""

from __future__ import annotations

from django.db import transaction

from gongzhi.cases.models import Category, CategoryQuestion
from gongzhi.cases.seed_data import GROUPS, QUESTIONS

DEFAULT_LIMITS = {
    "accept_limit": 2,
    "accept_unit": "hours",
    "dispatch_limit": 4,
    "dispatch_unit": "hours",
    "handle_limit": 3,
    "handle_unit": "days",
    "verify_limit": 1,
    "verify_unit": "days",
}


def seed_categories() -> int:
    """Create the seeded groups, leaves and questions that do not exist yet; return how many
    categories were created."""
    created = 0
    with transaction.atomic():
        for order, (code, name, kind, leaves) in enumerate(GROUPS):
            group, made = Category.objects.get_or_create(
                code=code,
                defaults={"name": name, "kind": kind, "is_group": True, "sort_order": order * 100},
            )
            created += made
            for index, (leaf_code, leaf_name, force, overrides) in enumerate(leaves):
                leaf, made = Category.objects.get_or_create(
                    code=leaf_code,
                    defaults={
                        "name": leaf_name,
                        "kind": kind,
                        "parent": group,
                        "responsible_force": force,
                        "sort_order": order * 100 + index + 1,
                        **DEFAULT_LIMITS,
                        **overrides,
                    },
                )
                created += made
                for q_order, (q_code, label, q_type, required, choices) in enumerate(
                    QUESTIONS.get(leaf_code, [])
                ):
                    CategoryQuestion.objects.get_or_create(
                        category=leaf,
                        code=q_code,
                        defaults={
                            "label": label,
                            "type": q_type,
                            "required": required,
                            "choices": [{"key": c, "label": c} for c in choices],
                            "order": q_order,
                        },
                    )
    return created
