"""The category tree (部件 / 事件) with each leaf's responsible force and extra questions."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from gongzhi.api.schemas import error_responses
from gongzhi.cases.choices import CategoryKind, QuestionType
from gongzhi.cases.models import Category, CategoryQuestion

router = Router(tags=["categories"])


class ChoiceOut(Schema):
    key: str
    label: str


class QuestionOut(Schema):
    code: str
    label: str
    help_text: str
    type: QuestionType
    required: bool
    order: int
    choices: list[ChoiceOut]


class CategoryOut(Schema):
    code: str
    name: str
    kind: CategoryKind
    is_group: bool
    description: str
    responsible_force: str
    questions: list[QuestionOut]
    children: list["CategoryOut"] = []


CategoryOut.model_rebuild()


def _question(q: CategoryQuestion) -> dict:
    choices = [
        {"key": str(c.get("key")), "label": str(c.get("label", c.get("key")))}
        for c in q.choices or []
        if isinstance(c, dict)
    ]
    return {
        "code": q.code,
        "label": q.label,
        "help_text": q.help_text,
        "type": q.type,
        "required": q.required,
        "order": q.order,
        "choices": choices,
    }


def _category(c: Category) -> dict:
    return {
        "code": c.code,
        "name": c.name,
        "kind": c.kind,
        "is_group": c.is_group,
        "description": c.description,
        "responsible_force": c.responsible_force,
        "questions": [_question(q) for q in c.questions.all()],
        "children": [],
    }


def _active():
    return Category.objects.filter(is_active=True).prefetch_related("questions")


@router.get("/categories", response={200: list[CategoryOut], **error_responses(400, 401)})
def category_tree(request):
    """Every active category as a tree: groups hold their children (two queries)."""
    nodes = {}
    parents = {}
    for category in _active().order_by("sort_order", "code"):
        nodes[category.pk] = _category(category)
        parents[category.pk] = category.parent_id
    roots = []
    for pk, out in nodes.items():
        parent = nodes.get(parents[pk])
        (parent["children"] if parent is not None else roots).append(out)
    return roots


@router.get("/categories/{code}", response={200: CategoryOut, **error_responses(400, 401, 404)})
def category_detail(request, code: str):
    """One active category with its questions and its direct children."""
    category = get_object_or_404(_active(), code=code)
    out = _category(category)
    out["children"] = [_category(c) for c in _active().filter(parent=category)]
    return out
