"""Indexes that cost writes only where they serve reads.

A foreign key gets an index from Django whether or not anything looks it up, and a nullable
one indexes its NULLs too: every new case, order or ledger row paid for index entries that no
query reads (a case has no handler when it is reported, an order no one who handed it over).
:func:`where_set` indexes a nullable column only on the rows where it is set, which is all a
lookup by it (``handler = ?``, ``IN (…)``, the deletion of a user) reads; PostgreSQL and SQLite
both use such an index for any comparison on the column. A foreign key whose column leads a
composite index is not indexed again (``db_index=False``).
"""

from __future__ import annotations

from django.db import models


def where_set(field: str, name: str) -> models.Index:
    """An index on the nullable column ``field`` over the rows where it is not NULL."""
    return models.Index(
        fields=[field], name=name, condition=models.Q(**{f"{field}__isnull": False})
    )
