"""Indexes of nullable columns are kept only where set (core.indexes.where_set), and the
lookups by those columns still find them on both databases."""

import pytest
from django.db import connection

from gongzhi.cases.models import Case
from gongzhi.core.models import AuditEntry
from gongzhi.points.models import Order


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Case.objects.filter(handler_id=3), "case_handler"),
        (lambda: Case.objects.filter(reporter_user_id__in=[1, 2]), "case_reporter_user"),
        (lambda: Order.objects.filter(handed_over_by_id=2), "points_order_handed_over_by"),
        (lambda: AuditEntry.objects.filter(actor_id=1), "audit_actor"),
    ],
)
def test_a_lookup_by_a_column_indexed_where_set_uses_that_index(db, queryset, index):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # empty tables: make the planner show its index
            cursor.execute("SET LOCAL enable_seqscan = off")
    assert index in queryset().explain()


def test_a_report_leaves_the_indexes_of_empty_columns_alone(db):
    if connection.vendor != "sqlite":
        pytest.skip("the index definitions are read from SQLite's schema")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'case_handler'")
        (definition,) = cursor.fetchone()
    assert 'WHERE "handler_id" IS NOT NULL' in definition
