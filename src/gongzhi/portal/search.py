"""Search across the public records of every installed section and the stories, in Chinese.

Chinese has no spaces between words, so matching is by substring: every whitespace-separated
term of the query must occur (``icontains``, which works on SQLite and PostgreSQL alike). On
PostgreSQL with the ``pg_trgm`` extension, stories are also ranked by trigram similarity; without
it (or on SQLite) they are ordered by date. Results carry their type.
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connection

from gongzhi.portal.sections import Hit, active_sections

MAX_TERMS = 5
TERM_MAX = 30
PER_TYPE = 10


def terms_of(query: str) -> list[str]:
    """The query's terms: at most five, each at most 30 characters, no empties."""
    return [t[:TERM_MAX] for t in (query or "").split() if t.strip()][:MAX_TERMS]


@lru_cache(maxsize=4)
def _trigram_available(alias: str) -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def trigram_available() -> bool:
    return _trigram_available(connection.alias)


def rank_by_similarity(queryset, field: str, query: str):
    """Order by trigram similarity to ``query`` where PostgreSQL offers it, else unchanged."""
    if not trigram_available():
        return queryset
    from django.contrib.postgres.search import TrigramWordSimilarity

    return queryset.annotate(rank=TrigramWordSimilarity(query, field)).order_by(
        "-rank", "-published_at", "-id"
    )


def search(query: str, *, node=None, types=None) -> list[tuple[str, list[Hit]]]:
    """Hits grouped by section, in section order; ``types`` narrows to some result types."""
    terms = terms_of(query)
    if not terms:
        return []
    groups = []
    for section in active_sections():
        if section.search is None:
            continue
        hits = section.search(terms, node, PER_TYPE)
        if types:
            hits = [h for h in hits if h.type in types]
        if hits:
            groups.append((section.key, hits))
    return groups
