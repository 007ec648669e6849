"""Model instances as INSERT statements, for the few hot paths that write the rows of several
tables in one round trip (``points.services.placing``).

Values are prepared the way ``Model.save`` prepares them (each field's ``pre_save`` with
``add=True``, then ``get_db_prep_save``), so defaults, ``auto_now_add`` times and JSON come
out as the ORM would write them. As with ``bulk_create``, no signals are sent and nothing is
validated here: the caller builds the instances with the same care as for ``save``.
"""

from __future__ import annotations

import functools
import os
import threading
from collections import Counter
from collections.abc import Sequence

from django.db import connection
from django.db.models import Model


def insert(objs: Sequence[Model]) -> tuple[str, list]:
    """One ``INSERT … VALUES (…), (…)`` of ``objs`` (instances of one model) and its parameters.

    The primary key is written when the first instance has one (drawn with :func:`next_ids`),
    and left to the database otherwise."""
    with_pk = objs[0].pk is not None
    fields, head = _shape(type(objs[0]), with_pk, connection.vendor)
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
    return head + ", ".join(rows), params


@functools.cache
def _shape(model: type[Model], with_pk: bool, vendor: str) -> tuple[list, str]:
    """The fields an insert of ``model`` writes and the statement's head, up to ``VALUES``."""
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if with_pk or not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    return fields, f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "


# Ids are drawn from a sequence this many at a time and handed out by the process (as JPA's
# pooled generators do): an order then costs no round trip for its ids but once in ID_BLOCK.
ID_BLOCK = 32
_pools: dict[tuple, list[int]] = {}
_pools_lock = threading.Lock()


def next_ids(*models: type[Model]) -> list[int]:
    """One new id for each of ``models``, from their PostgreSQL sequences, so that rows
    pointing at each other can be written in the same statement.

    The ids come from blocks of ``ID_BLOCK`` drawn in one query and kept by the process (per
    process id and database). Ids stay unique, as every id comes from the sequence; they are
    no longer in the order the rows were written across processes, and a block left unused
    when a process ends leaves a gap, as a rolled-back insert does. Nothing orders by id
    alone: lists order by their time, with the id to break ties."""
    if connection.vendor != "postgresql":
        raise NotImplementedError("ids are drawn ahead on PostgreSQL only")
    owner = (os.getpid(), connection.settings_dict["NAME"])
    with _pools_lock:
        wanted = Counter(models)
        short = [m for m, n in wanted.items() if len(_pools.get((*owner, m), ())) < n]
        if short:
            _refill(owner, short, max(ID_BLOCK, *wanted.values()))
        return [_pools[(*owner, model)].pop(0) for model in models]


def _refill(owner: tuple, models: list[type[Model]], count: int) -> None:
    calls = ", ".join(["nextval(pg_get_serial_sequence(%s, %s))"] * len(models))
    params: list = []
    for model in models:
        params += [model._meta.db_table, model._meta.pk.column]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {calls} FROM generate_series(1, %s)", [*params, count])
        rows = cursor.fetchall()
    for n, model in enumerate(models):
        _pools.setdefault((*owner, model), []).extend(sorted(row[n] for row in rows))
