"""The case category illegal structures are filed under, and its answers from a record."""

from __future__ import annotations

from gongzhi.enforcement.choices import StructureType

# The seeded 私搭乱建 leaf (``gongzhi seed_categories``).
DEFAULT_CATEGORY_CODE = "construction-illegal-building"

# The seeded category asks the structure type as a choice among these words.
STRUCTURE_ANSWER = {
    StructureType.SHED: "搭棚",
    StructureType.EXTRA_FLOOR: "加层",
    StructureType.WALL_FENCE: "围墙/围栏",
    StructureType.BALCONY: "阳台外扩",
    StructureType.YARD: "院落圈占",
    StructureType.OTHER: "其他",
}


def default_category():
    from gongzhi.cases.models import Category

    return Category.objects.filter(
        code=DEFAULT_CATEGORY_CODE, is_active=True, is_group=False
    ).first()


def structure_answers(category, structure_type: str, area) -> list[tuple]:
    """(question, cleaned value) pairs for the category's questions a record can answer."""
    answers = []
    for question in category.questions.all():
        if question.code == "structure_type":
            word = STRUCTURE_ANSWER.get(structure_type)
            if word in question.choice_keys:
                answers.append((question, word))
        elif question.code == "area" and area is not None:
            value = float(area)
            answers.append((question, int(value) if value.is_integer() else value))
    return answers


def structure_answer_codes(category, structure_type: str, area) -> dict:
    """The same answers keyed by question code, for ``case_report``."""
    return {q.code: value for q, value in structure_answers(category, structure_type, area)}
