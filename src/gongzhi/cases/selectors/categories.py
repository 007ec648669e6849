"""The category chooser: active leaves grouped under their groups, searchable by words."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from gongzhi.cases.models import Category, CategoryQuestion
from gongzhi.core import hotcache

SEARCH_MAX = 40

_categories = hotcache.Memo("cases.categories")
hotcache.watch(Category, CategoryQuestion)


@dataclass
class CategoryGroup:
    group: Category | None
    leaves: list[Category] = field(default_factory=list)


def category_choices(search: str = "", *, keep: str = "") -> list[CategoryGroup]:
    """Active leaves grouped by their group, in the tree's order (one query).

    ``search`` matches a leaf's name, search words or description, or its group's name;
    ``keep`` is the code of a leaf to list even when the search misses it (the chosen one).
    """
    search = " ".join((search or "").split())[:SEARCH_MAX]
    leaves = Category.objects.filter(is_group=False, is_active=True).select_related("parent")
    if search:
        words = Q()
        for word in search.split(" "):
            words &= (
                Q(name__icontains=word)
                | Q(keywords__icontains=word)
                | Q(description__icontains=word)
                | Q(parent__name__icontains=word)
                | Q(code__icontains=word)
            )
        leaves = leaves.filter(words | Q(code=keep) if keep else words)
    groups: dict[int | None, CategoryGroup] = {}
    ordered = sorted(
        leaves,
        key=lambda c: (
            (c.parent.sort_order, c.parent.code) if c.parent else (10_000, ""),
            c.sort_order,
            c.code,
        ),
    )
    for leaf in ordered:
        groups.setdefault(leaf.parent_id, CategoryGroup(group=leaf.parent)).leaves.append(leaf)
    return list(groups.values())


def leaf_by_code(code: str) -> Category | None:
    """The active leaf with ``code`` and its questions, or None."""
    if not code:
        return None
    return (
        Category.objects.filter(code=str(code)[:40], is_group=False, is_active=True)
        .prefetch_related("questions")
        .first()
    )


def _all_by_code() -> dict[str, Category]:
    return {
        c.code: c for c in Category.objects.select_related("parent").prefetch_related("questions")
    }


def cached_category(code, *, leaf: bool = True) -> Category | None:
    """The category with ``code`` (with its group and its questions), from this process's
    cache (``gongzhi.core.hotcache``: one query per ``GONGZHI_CACHE_SECONDS`` at most, at once
    again after a change made here). ``leaf``: only an active leaf, as reports need; otherwise
    any category, for the intake to refuse with its own message. The copy returned may be
    assigned to; its group and questions are shared and read-only."""
    if not code or not isinstance(code, str):
        return None
    found = _categories.get(None, _all_by_code).get(code)
    if found is None or (leaf and (found.is_group or not found.is_active)):
        return None
    return hotcache.fresh(found)
