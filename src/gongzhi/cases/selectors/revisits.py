"""The revisit (回头看) page: what is due, what is coming, and what earlier revisits found."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from gongzhi.cases.choices import RevisitOutcome
from gongzhi.cases.models import Revisit

SHOWS = ("due", "upcoming", "done")
RELATED = ("case__category", "case__node", "done_by", "linked_case")


def revisit_list(user, show: str = "due", *, on=None, node=None):
    """Revisits ``user`` may see: ``due`` (not done, due by ``on``, oldest first),
    ``upcoming`` (not done, due later) or ``done`` (newest first, with the linked case of a
    relapse)."""
    on = on or timezone.localdate()
    qs = Revisit.objects.visible_to(user).select_related(*RELATED)
    if node is not None:
        qs = qs.filter(case__node__path__startswith=node.path)
    if show == "upcoming":
        return qs.filter(done_at__isnull=True, due_on__gt=on).order_by("due_on", "id")
    if show == "done":
        return qs.filter(done_at__isnull=False).order_by("-done_at", "-id")
    return qs.filter(done_at__isnull=True, due_on__lte=on).order_by("due_on", "id")


def revisit_outcomes(user, *, days: int = 90, now=None) -> dict:
    """How the revisits of the last ``days`` turned out (one query)."""
    since = (now or timezone.now()) - dt.timedelta(days=days)
    counts = (
        Revisit.objects.visible_to(user)
        .filter(done_at__gte=since)
        .aggregate(
            holds=Count("id", filter=Q(outcome=RevisitOutcome.HOLDS)),
            relapsed=Count("id", filter=Q(outcome=RevisitOutcome.RELAPSED)),
        )
    )
    done = counts["holds"] + counts["relapsed"]
    counts["done"] = done
    counts["relapse_rate"] = round(100 * counts["relapsed"] / done) if done else None
    counts["days"] = days
    return counts
