"""Seeding the category tree (idempotent: only what is missing is created, staff edits stay)."""

from __future__ import annotations

from django.db import transaction

from gongzhi.cases.models import Category, CategoryQuestion
from gongzhi.cases.seed_data import GROUPS, QUESTIONS
from gongzhi.core import hotcache

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
    categories were created.

    Three reads and at most three batched inserts, however many categories there are (it runs
    for every new deployment and in the set-up of many tests)."""
    with transaction.atomic():
        existing = {c.code: c for c in Category.objects.filter(code__in=_seeded_codes())}
        groups = [
            Category(code=code, name=name, kind=kind, is_group=True, sort_order=order * 100)
            for order, (code, name, kind, _leaves) in enumerate(GROUPS)
            if code not in existing
        ]
        Category.objects.bulk_create(groups)
        existing.update({g.code: g for g in groups})
        leaves = [
            Category(
                code=leaf_code,
                name=leaf_name,
                kind=kind,
                parent=existing[code],
                responsible_force=force,
                sort_order=order * 100 + index + 1,
                **{**DEFAULT_LIMITS, **overrides},
            )
            for order, (code, _name, kind, entries) in enumerate(GROUPS)
            for index, (leaf_code, leaf_name, force, overrides) in enumerate(entries)
            if leaf_code not in existing
        ]
        Category.objects.bulk_create(leaves)
        existing.update({leaf.code: leaf for leaf in leaves})
        asked = set(
            CategoryQuestion.objects.filter(category__code__in=list(QUESTIONS)).values_list(
                "category__code", "code"
            )
        )
        CategoryQuestion.objects.bulk_create(
            [
                CategoryQuestion(
                    category=existing[leaf_code],
                    code=q_code,
                    label=label,
                    type=q_type,
                    required=required,
                    choices=[{"key": c, "label": c} for c in choices],
                    order=q_order,
                )
                for leaf_code, questions in QUESTIONS.items()
                if leaf_code in existing
                for q_order, (q_code, label, q_type, required, choices) in enumerate(questions)
                if (leaf_code, q_code) not in asked
            ]
        )
        if groups or leaves:
            hotcache.invalidate()  # bulk inserts send no post_save
    return len(groups) + len(leaves)


def _seeded_codes() -> list[str]:
    return [code for code, *_rest in GROUPS] + [
        leaf[0] for _code, _name, _kind, leaves in GROUPS for leaf in leaves
    ]
