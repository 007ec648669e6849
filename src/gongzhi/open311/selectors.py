"""Reads behind the Open311 endpoints, with flat query counts."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from gongzhi.cases.choices import State
from gongzhi.cases.models import Case, CaseEvent, Category, CategoryQuestion
from gongzhi.cases.models.photos import CasePhoto


def services():
    return (
        Category.objects.filter(is_group=False, is_active=True)
        .select_related("parent")
        .annotate(question_count=Count("questions"))
        .order_by("sort_order", "code")
    )


def category(code: str) -> Category | None:
    return (
        Category.objects.filter(code=code, is_group=False, is_active=True)
        .select_related("parent")
        .first()
    )


def questions(category_obj):
    return CategoryQuestion.objects.filter(category=category_obj).order_by("order", "id")


# Besides the case: what the answer shows (party, node) and the names its text is scrubbed of.
REQUEST_RELATED = ("category", "assigned_party", "node", "reporter_person", "reporter_user")


def readable_cases(key):
    """For a key: the cases it may view in its scope and the requests it posted itself (a
    reporting client always reads back its own); for everyone: published reports only."""
    base = Case.objects.exclude(state=State.MERGED).select_related(*REQUEST_RELATED)
    if key is not None and key.user_id:
        return (
            base.visible_to(key.user, "cases.view")
            | base.filter(created_by=key.user)
            | base.filter(is_public=True)
        )
    return base.filter(is_public=True)


def with_media(queryset, extensions: bool):
    queryset = queryset.prefetch_related(
        Prefetch("photos", queryset=CasePhoto.objects.order_by("id"), to_attr="photo_list")
    )
    if extensions:
        queryset = queryset.prefetch_related(
            "answers__question",
            Prefetch(
                "events",
                queryset=CaseEvent.objects.filter(public=True).order_by("created_at"),
                to_attr="public_events",
            ),
        )
    return queryset


def updates(start, end, readable):
    return (
        CaseEvent.objects.filter(public=True, created_at__gte=start, created_at__lte=end)
        .filter(case__in=readable.values("pk"))
        .select_related(*(f"case__{name}" for name in REQUEST_RELATED))
        .order_by("created_at", "id")
    )


def by_reference(queryset, references):
    return queryset.filter(Q(reference__in=references))


def key_may_view(key, case) -> bool:
    """May this key see the case in full (description, exact address, answers)? Its own
    requests, and those it may view in its scope (no query: the node is loaded)."""
    from gongzhi.org.access import can

    if key is None or key.user_id is None:
        return False
    return case.created_by_id == key.user_id or can(key.user, "cases.view", case.node)
