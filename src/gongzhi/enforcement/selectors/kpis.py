"""Windowed reads for the figures other apps compute over the enforcement ledger (the insights
app's KPIs). Each function takes a node path (the subtree) and a half-open window
``[start, end)`` of aware datetimes, and returns a queryset, so that the same rows serve an
aggregate query and the list of records behind a figure.

Definitions (docs/insights.md):

- found: ``found_at`` in the window;
- stop order within a day (查违不过日): the stop order was served (``ServiceRecord.served_on``)
  no later than the day after the local day the structure was found;
- demolished: ``demolished_on`` in the window, with ``area_removed``;
- demolition within a week (拆违不过周): among demolitions that followed a served demolition
  order, reminder or forced-demolition notice, the last one served before the demolition was
  served at most 7 days before it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, DateTimeField, Exists, ExpressionWrapper, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from gongzhi.enforcement.choices import DocumentKind
from gongzhi.enforcement.models import IllegalStructure, ServiceRecord, StructureRevisit

DEMOLITION_NOTICES = (
    DocumentKind.DEMOLITION_ORDER,
    DocumentKind.REMINDER,
    DocumentKind.FORCED_NOTICE,
)
WEEK = dt.timedelta(days=7)


def _local_date(moment) -> dt.date:
    return timezone.localtime(moment).date()


def structures_found(*, path: str, start, end):
    return IllegalStructure.objects.filter(
        node__path__startswith=path, found_at__gte=start, found_at__lt=end
    )


def stop_order_within_day() -> Q:
    """On ``structures_found`` rows: the stop order was served by the end of the next day."""
    return Q(
        Exists(
            ServiceRecord.objects.filter(
                document__record=OuterRef("pk"),
                document__kind=DocumentKind.STOP_ORDER,
                served_on__lte=TruncDate(
                    ExpressionWrapper(
                        OuterRef("found_at") + dt.timedelta(days=1), output_field=DateTimeField()
                    ),
                    tzinfo=timezone.get_current_timezone(),
                ),
            )
        )
    )


def found_aggregates() -> dict:
    return {
        "found": Count("pk"),
        "noticed_within_day": Count("pk", filter=stop_order_within_day()),
    }


def structures_demolished(*, path: str, start, end):
    return IllegalStructure.objects.filter(
        node__path__startswith=path,
        demolished_on__gte=_local_date(start),
        demolished_on__lt=_local_date(end),
    )


def _notice_served(**served_on) -> Q:
    return Q(
        Exists(
            ServiceRecord.objects.filter(
                document__record=OuterRef("pk"),
                document__kind__in=DEMOLITION_NOTICES,
                served_on__lte=OuterRef("demolished_on"),
                **served_on,
            )
        )
    )


def after_notice() -> Q:
    """Demolished after a served demolition order, reminder or forced-demolition notice."""
    return _notice_served()


def within_week_of_notice() -> Q:
    """…and the last such notice was served at most 7 days before the demolition (one served
    in the week before the demolition exists)."""
    # "later than 8 days before" rather than ">= 7 days before": compares the same on SQLite,
    # which computes the date arithmetic as text, and on PostgreSQL.
    eight_days_before = ExpressionWrapper(
        OuterRef("demolished_on") - (WEEK + dt.timedelta(days=1)), output_field=DateTimeField()
    )
    return _notice_served(served_on__gt=eight_days_before)


def demolished_aggregates() -> dict:
    return {
        "demolished": Count("pk"),
        "area": Sum("area_removed"),
        "after_notice": Count("pk", filter=after_notice()),
        "within_week": Count("pk", filter=within_week_of_notice()),
    }


def revisits_done(*, path: str, start, end):
    return StructureRevisit.objects.filter(
        record__node__path__startswith=path, done_at__gte=start, done_at__lt=end
    )


def revisit_aggregates() -> dict:
    return {"revisits": Count("pk")}
