"""Readable case references: PREFIX-YYYYMMDD-NNNN, numbered per prefix and day."""

from django.db import IntegrityError, transaction
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
        if CaseCounter.objects.filter(prefix=prefix, day=day).update(value=F("value") + 1):
            value = CaseCounter.objects.values_list("value", flat=True).get(prefix=prefix, day=day)
            return f"{prefix}-{day:%Y%m%d}-{value:04d}"
        try:
            with transaction.atomic():
                CaseCounter.objects.create(prefix=prefix, day=day, value=1)
        except IntegrityError:
            continue  # another intake created today's counter first: increment it instead
        return f"{prefix}-{day:%Y%m%d}-0001"
    raise RuntimeError("could not allocate a case reference")
