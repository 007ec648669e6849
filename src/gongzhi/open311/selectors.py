"""Reads behind the Open311 endpoints, with flat query counts."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Count, Prefetch, Q

from gongzhi.cases import disclosure
from gongzhi.cases.choices import State
from gongzhi.cases.models import Case, CaseEvent, Category, CategoryQuestion
from gongzhi.cases.models.photos import CasePhoto
from gongzhi.cases.selectors.categories import cached_category


def services():
    return (
        Category.objects.filter(is_group=False, is_active=True)
        .select_related("parent")
        .annotate(question_count=Count("questions"))
        .order_by("sort_order", "code")
    )


def category(code: str) -> Category | None:
    """The active leaf with ``code`` (cached per process, with its questions), or None."""
    return cached_category(code)


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


# Columns a page of requests never shows: a grid's boundary alone is a GeoJSON document that
# every row would otherwise read and decode.
LIST_DEFERRED = ("node__boundary", "node__description", "routing")


def for_list(queryset):
    """``queryset`` for a page of requests: without the columns no request row shows."""
    return queryset.defer(*LIST_DEFERRED)


# A page of requests without extensions is read with .values() into ListRow objects that
# carry exactly what ``serializers.request`` and the view read of a case: when the serializer
# starts reading another field, name it here (tests/open311/test_hot_paths.py compares the
# rows with full cases and fails on a missing one).
PAGE_FIELDS = (
    "id",
    "reference",
    "state",
    "resolution_note",
    "description",
    "is_public",
    "assigned_party_id",
    "reported_at",
    "updated_at",
    "step_deadline_at",
    "address",
    "lat",
    "lon",
    "node_id",
    "category_id",
    # Who may see the row in full (its reporting key), the media_url shown to that key, and
    # the names its text is scrubbed of (``cases.disclosure.names_on_record``).
    "created_by_id",
    "media_url",
    "reporter_name",
    "reporter_person_id",
    "reporter_user_id",
)
PAGE_RELATED = {
    "category": ("code", "name", "public_precision"),
    "node": ("code", "path", "name"),
    "assigned_party": ("name",),
}
# Relations a row may lack (``None`` then, as on a model instance).
PAGE_OPTIONAL = {"assigned_party"}


class ListRow(SimpleNamespace):
    """A case of a page, as plain attributes (``row.category.name``, ``row.node.path``…)."""


def page_rows(queryset) -> list[ListRow]:
    """The cases of ``queryset`` (a sliced page) as ``ListRow``s with their photos
    (``photo_list``, oldest first): the page, its photos and, when some rows have a reporter,
    their names; no model instances but the photos'."""
    related = [f"{rel}__{field}" for rel, fields in PAGE_RELATED.items() for field in fields]
    found = list(queryset.values(*PAGE_FIELDS, *related))
    photos = defaultdict(list)
    if found:
        ids = [row["id"] for row in found]
        for photo in CasePhoto.objects.filter(case_id__in=ids).order_by("id"):
            photos[photo.case_id].append(photo)
    reporters = disclosure.reporters_of(found)
    rows = []
    for values in found:
        row = ListRow(**{name: values[name] for name in PAGE_FIELDS})
        row.pk = values["id"]
        for rel, fields in PAGE_RELATED.items():
            present = rel not in PAGE_OPTIONAL or values[f"{rel}_id"] is not None
            setattr(
                row,
                rel,
                SimpleNamespace(**{f: values[f"{rel}__{f}"] for f in fields}) if present else None,
            )
        row.reporter_person, row.reporter_user = reporters.get(row.pk, (None, None))
        row.photo_list = photos.get(row.pk, [])
        rows.append(row)
    return rows


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
    """May this key see the case in full (description, exact address and point, answers)?
    Only the requests it reported itself. A staff key reads the others of its scope as the
    staff page shows them, scrubbed of people's data; originals are the API's
    ``GET /api/cases/{reference}/original``, audited each time."""
    return key is not None and key.user_id is not None and case.created_by_id == key.user_id
