"""Model instances as INSERT statements, for the few hot paths that write the rows of several
tables in one round trip (``points.services.placing``).

Values are prepared the way ``Model.save`` prepares them (each field's ``pre_save`` with
``add=True``, then ``get_db_prep_save``), so defaults, ``auto_now_add`` times and JSON come
out as the ORM would write them. As with ``bulk_create``, no signals are sent and nothing is
validated here: the caller builds the instances with the same care as for ``save``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model


def insert(objs: Sequence[Model]) -> tuple[str, list]:
    """One ``INSERT … VALUES (…), (…)`` of ``objs`` (instances of one model) and its parameters.

    The primary key is written when the first instance has one (drawn with :func:`next_ids`),
    and left to the database otherwise."""
    meta = objs[0]._meta
    with_pk = objs[0].pk is not None
    fields = [f for f in meta.local_concrete_fields if with_pk or not f.primary_key]
    quote = connection.ops.quote_name
    params, rows = [], []
    for obj in objs:
        marks = []
        for f in fields:
            value = f.get_db_prep_save(f.pre_save(obj, True), connection)
            # Empty values are written in the statement itself: fewer parameters, and the
            # same text for every row of the same shape, so that the driver can keep its
            # parsed form (psycopg caches statements of at most 50 parameters).
            if value is None:
                marks.append("NULL")
            elif isinstance(value, str) and value == "":
                marks.append("''")
            else:
                marks.append("%s")
                params.append(value)
        rows.append("(" + ", ".join(marks) + ")")
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES {', '.join(rows)}"
    )
    return sql, params


def next_ids(*models: type[Model]) -> list[int]:
    """One new id for each of ``models``, drawn from their PostgreSQL sequences in one query,
    so that rows pointing at each other can be written in the same statement."""
    if connection.vendor != "postgresql":
        raise NotImplementedError("ids are drawn ahead on PostgreSQL only")
    calls = ", ".join(["nextval(pg_get_serial_sequence(%s, %s))"] * len(models))
    params = []
    for model in models:
        params += [model._meta.db_table, model._meta.pk.column]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {calls}", params)
        return list(cursor.fetchone())
