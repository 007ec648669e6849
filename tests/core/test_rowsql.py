"""core.rowsql writes rows as Model.save would, in statements the driver can keep parsed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.core.models import AuditEntry
from gongzhi.core.rowsql import insert, next_ids


def test_a_row_written_by_insert_reads_back_as_the_orm_wrote_it(db):
    built = AuditEntry(action="test.rowsql", object_type="", data={"n": 1, "名": "值"})
    sql, params = insert([built])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    saved = AuditEntry(action="test.orm", object_type="", data={"n": 1, "名": "值"})
    saved.save()
    mine = AuditEntry.objects.get(action="test.rowsql")
    assert (mine.data, mine.object_type, mine.actor_id) == (saved.data, "", None)
    assert mine.created_at is not None  # auto_now_add filled in as save() does


def test_empty_values_are_written_in_the_statement_and_the_text_depends_only_on_the_shape(db):
    first_sql, first = insert([AuditEntry(action="a", data={"x": 1})])
    second_sql, second = insert([AuditEntry(action="b", data={"y": 2})])
    assert first_sql == second_sql
    assert "NULL" in first_sql and "''" in first_sql
    assert None not in first and "" not in first
    assert len(first) == len(second)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ids are drawn ahead on PostgreSQL")
def test_ids_drawn_ahead_are_fresh_and_distinct(db):
    from gongzhi.core import rowsql

    one, two = next_ids(AuditEntry, AuditEntry)
    assert two > one
    entry = AuditEntry.objects.create(action="after")
    assert entry.pk > two  # the sequence is past the whole block
    drawn = {one, two}
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(rowsql.ID_BLOCK - 2):
            drawn.add(next_ids(AuditEntry)[0])
    assert len(ctx.captured_queries) == 0  # the rest of the block: no round trip
    assert len(drawn) == rowsql.ID_BLOCK and entry.pk not in drawn
    next_ids(AuditEntry)  # the block is spent: one query draws the next
    rows = [AuditEntry(pk=pk, action="drawn", object_type="") for pk in sorted(drawn)]
    AuditEntry.objects.bulk_create(rows)  # every id drawn is free in the table
    assert AuditEntry.objects.filter(action="drawn").count() == rowsql.ID_BLOCK
