"""Readable case references: PREFIX-YYYYMMDD-NNNN, numbered per prefix and day."""

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from gongzhi.cases.models import CaseCounter


def next_reference(prefix: str, when) -> str:
    """Hand out the next reference for ``prefix`` on the local day of ``when``.

    Call inside the intake transaction: the counter row stays locked until it commits, so
    concurrent intakes get distinct numbers on SQLite and PostgreSQL alike.
    """
    day = timezone.localdate(when)
    for _attempt in range(5):
        value = _increment(prefix, day)
        if value is not None:
            return f"{prefix}-{day:%Y%m%d}-{value:04d}"
        try:
            with transaction.atomic():
                CaseCounter.objects.create(prefix=prefix, day=day, value=1)
        except IntegrityError:
            continue  # another intake created today's counter first: increment it instead
        return f"{prefix}-{day:%Y%m%d}-0001"
    raise RuntimeError("could not allocate a case reference")


def _increment(prefix: str, day) -> int | None:
    """Today's counter for ``prefix`` plus one, or None when it has no row yet: one
    ``UPDATE … RETURNING`` where the database has it (PostgreSQL, SQLite 3.35+)."""
    if connection.features.can_return_columns_from_insert:
        table = connection.ops.quote_name(CaseCounter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET value = value + 1 WHERE prefix = %s AND day = %s "
                "RETURNING value",
                [prefix, connection.ops.adapt_datefield_value(day)],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    if CaseCounter.objects.filter(prefix=prefix, day=day).update(value=F("value") + 1):
        return CaseCounter.objects.values_list("value", flat=True).get(prefix=prefix, day=day)
    return None
