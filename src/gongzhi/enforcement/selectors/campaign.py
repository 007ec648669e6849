"""回头看 campaigns: demolished sites due for re-inspection."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongzhi.enforcement.choices import RecordState
from gongzhi.enforcement.models import StructureRevisit


def revisits_due(user, *, within_days: int = 7, node=None, today=None):
    """Pending revisits of demolished structures ``user`` may see, due within ``within_days``
    (overdue ones first)."""
    today = today or timezone.localdate()
    qs = (
        StructureRevisit.objects.visible_to(user)
        .filter(
            done_at__isnull=True,
            record__state=RecordState.DEMOLISHED,
            due_on__lte=today + dt.timedelta(days=within_days),
        )
        .select_related("record__node", "record__authority")
        .order_by("due_on", "record__address", "id")
    )
    if node is not None:
        qs = qs.filter(record__node__path__startswith=node.path)
    return qs


def revisit_for(user, pk):
    from gongzhi.org.access import get_for

    return get_for(
        user, StructureRevisit.objects.select_related("record__node", "record__authority"), pk=pk
    )
