"""Staff edit the category tree's leaves, their questions and the case policy."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.cases import permissions as perms
from gongzhi.cases.choices import QuestionType
from gongzhi.cases.models import CasePolicy, Category, CategoryQuestion
from gongzhi.core.audit import log_action
from gongzhi.org.access import can, user_scope
from gongzhi.org.roles import role_grants

CATEGORY_FIELDS = {
    "name",
    "description",
    "keywords",
    "is_active",
    "sort_order",
    "responsible_force",
    "accept_limit",
    "accept_unit",
    "dispatch_limit",
    "dispatch_unit",
    "handle_limit",
    "handle_unit",
    "verify_limit",
    "verify_unit",
    "photo_required_at_report",
    "photo_required_at_resolution",
    "revisit_after_days",
    "publication",
    "public_precision",
}
POLICY_FIELDS = {
    "reference_prefix",
    "duplicate_radius_m",
    "duplicate_window_days",
    "duplicate_threshold",
    "unsatisfied_action",
    "unsatisfied_window_days",
    "followup_window_days",
}
CHOICE_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE}


def _require_district_wide(actor, permission):
    """Categories serve the whole district: the role must sit on a root of the tree."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in first."))
    if actor.is_superuser:
        return
    if not any(
        g.path and len(g.path) == 4 and role_grants(g.role, permission)
        for g in user_scope(actor).grants
    ):
        raise PermissionDenied(_("Only district-wide staff may change categories."))


def _unknown(changes, allowed):
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )


def category_update(*, category: Category, actor, **changes) -> Category:
    """Change a category's force, limits, photo rules, revisit rule, publication policy, public
    precision, name or description."""
    _require_district_wide(actor, perms.MANAGE_CATEGORIES)
    _unknown(changes, CATEGORY_FIELDS)
    with transaction.atomic():
        locked = Category.objects.select_for_update().get(pk=category.pk)
        old = {k: getattr(locked, k) for k in changes}
        for key, value in changes.items():
            setattr(locked, key, value)
        locked.full_clean()
        if not locked.is_group and not locked.responsible_force:
            raise ValidationError({"responsible_force": _("Choose the responsible force.")})
        locked.save(update_fields=[*changes, "updated_at"])
        log_action("cases.category.updated", actor=actor, obj=locked, old=old, new=changes)
    return locked


def _clean_choices(kind, choices):
    if kind not in CHOICE_TYPES:
        return []
    if not isinstance(choices, list) or not choices:
        raise ValidationError({"choices": _("A choice question needs at least one choice.")})
    cleaned, keys = [], set()
    for item in choices:
        if isinstance(item, str):
            item = {"key": item, "label": item}
        if not isinstance(item, dict) or not str(item.get("key", "")).strip():
            raise ValidationError({"choices": _("Each choice needs a key and a label.")})
        key = str(item["key"]).strip()[:40]
        if key in keys:
            raise ValidationError(
                {"choices": _("The choice %(key)s appears twice.") % {"key": key}}
            )
        keys.add(key)
        cleaned.append({"key": key, "label": str(item.get("label") or key).strip()[:100]})
    return cleaned


def category_question_save(
    *,
    category: Category,
    code: str,
    label: str,
    type: str,
    actor,
    choices=None,
    required: bool = False,
    help_text: str = "",
    order: int = 0,
) -> CategoryQuestion:
    """Add or change (by ``code``) an extra question of a leaf category."""
    _require_district_wide(actor, perms.MANAGE_CATEGORIES)
    if category.is_group:
        raise ValidationError({"category": _("Questions belong to leaf categories.")})
    if type not in QuestionType.values:
        raise ValidationError({"type": _("Unknown question type.")})
    values = {
        "label": (label or "").strip(),
        "type": type,
        "choices": _clean_choices(type, choices),
        "required": bool(required),
        "help_text": (help_text or "").strip(),
        "order": order,
    }
    with transaction.atomic():
        question = CategoryQuestion.objects.filter(category=category, code=code).first()
        old = None
        if question is None:
            question = CategoryQuestion(category=category, code=code, **values)
        else:
            old = {k: getattr(question, k) for k in values}
            for key, value in values.items():
                setattr(question, key, value)
        question.full_clean()
        question.save()
        log_action(
            "cases.category.question_saved",
            actor=actor,
            obj=question,
            old=old,
            new={"code": code, **values},
        )
    return question


def policy_save(*, actor, node=None, **fields) -> CasePolicy:
    """Set the case policy of a community (``node``) or the global default (no node)."""
    _unknown(fields, POLICY_FIELDS)
    if node is None:
        _require_district_wide(actor, perms.MANAGE_POLICY)
    elif not (getattr(actor, "is_superuser", False) or can(actor, perms.MANAGE_POLICY, node)):
        raise PermissionDenied(
            _("You may not change the case policy of %(node)s.") % {"node": node}
        )
    with transaction.atomic():
        if node is None:
            policy, _created = CasePolicy.objects.select_for_update().get_or_create(is_global=True)
        else:
            policy, _created = CasePolicy.objects.select_for_update().get_or_create(node=node)
        old = {k: getattr(policy, k) for k in fields}
        for key, value in fields.items():
            setattr(policy, key, value)
        policy.full_clean()
        policy.save()
        log_action("cases.policy.saved", actor=actor, obj=policy, old=old, new=fields)
    return policy
