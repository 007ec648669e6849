"""Checking a reporter's answers to a category's extra questions."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from gongzhi.cases.choices import QuestionType

STRING_MAX = 200
TEXT_MAX = 4000


def _clean_number(raw):
    if isinstance(raw, bool):
        raise ValueError
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise ValueError from exc
    if not value.is_finite():
        raise ValueError
    as_float = float(value)
    if math.isinf(as_float):
        raise ValueError
    return int(value) if value == value.to_integral_value() else as_float


def _clean(question, raw):
    kind = question.type
    if kind in (QuestionType.STRING, QuestionType.TEXT):
        value = str(raw).strip()
        limit = STRING_MAX if kind == QuestionType.STRING else TEXT_MAX
        if len(value) > limit:
            raise ValidationError(
                _("At most %(n)d characters, please.") % {"n": limit}, code="too_long"
            )
        return value
    if kind == QuestionType.NUMBER:
        try:
            return _clean_number(raw)
        except ValueError as exc:
            raise ValidationError(_("Enter a number."), code="number") from exc
    if kind == QuestionType.DATETIME:
        parsed = parse_datetime(str(raw).strip()) if not hasattr(raw, "tzinfo") else raw
        if parsed is None:
            raise ValidationError(
                _("Enter a date and time such as 2026-11-29T08:30."), code="datetime"
            )
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed.isoformat()
    keys = question.choice_keys
    if kind == QuestionType.SINGLE_CHOICE:
        value = str(raw).strip()
        if value not in keys:
            raise ValidationError(
                _("%(value)s is not one of the choices.") % {"value": value[:40]}, code="choice"
            )
        return value
    values = raw if isinstance(raw, (list, tuple)) else [raw]
    cleaned = []
    for item in values:
        item = str(item).strip()
        if item not in keys:
            raise ValidationError(
                _("%(value)s is not one of the choices.") % {"value": item[:40]}, code="choice"
            )
        if item not in cleaned:
            cleaned.append(item)
    return cleaned


def _blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def validate_answers(category, answers: dict | None, *, enforce_required: bool = True) -> dict:
    """Clean ``answers`` ({question code: raw value}) against the category's questions.

    Returns {question: cleaned value} for the answered questions; raises ``ValidationError``
    keyed ``answers.<code>`` naming each unknown, missing or malformed answer.
    """
    answers = answers or {}
    if not isinstance(answers, dict):
        raise ValidationError({"answers": _("Answers must be given per question code.")})
    questions = {q.code: q for q in category.questions.all()}
    errors: dict[str, list] = {}
    cleaned = {}
    for code in answers:
        if code not in questions:
            errors[f"answers.{code}"] = [
                _("%(category)s has no question %(code)s.")
                % {"category": category.name, "code": str(code)[:40]}
            ]
    for code, question in questions.items():
        raw = answers.get(code)
        if _blank(raw):
            if question.required and enforce_required:
                errors[f"answers.{code}"] = [
                    _("Please answer: %(label)s") % {"label": question.label}
                ]
            continue
        try:
            cleaned[question] = _clean(question, raw)
        except ValidationError as exc:
            errors[f"answers.{code}"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return cleaned
