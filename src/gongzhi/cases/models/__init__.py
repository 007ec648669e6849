from gongzhi.cases.models.cases import Case, CaseAnswer, CaseCounter, CaseEvent, CaseSupport
from gongzhi.cases.models.categories import Category, CategoryQuestion
from gongzhi.cases.models.followup import CasePolicy, Rating, Revisit
from gongzhi.cases.models.photos import CasePhoto
from gongzhi.cases.models.supervision import Notification, Supervision

__all__ = [
    "Case",
    "CaseAnswer",
    "CaseCounter",
    "CaseEvent",
    "CasePhoto",
    "CasePolicy",
    "CaseSupport",
    "Category",
    "CategoryQuestion",
    "Notification",
    "Rating",
    "Revisit",
    "Supervision",
]
