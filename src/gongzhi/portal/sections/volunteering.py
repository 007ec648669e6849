"""The volunteering app in the portal: service hours and activities held this month, the
activities coming up, search over public activities."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.core import scrub
from gongzhi.portal.choices import ResultType
from gongzhi.portal.public import shorten
from gongzhi.portal.sections import Figure, Hit, Section, register_section
from gongzhi.volunteering.models import Activity
from gongzhi.volunteering.selectors import public_service_figures, with_counts

BLOCK_SIZE = 4
UPCOMING_DAYS = 45


def activities_url(node, **params) -> str:
    return reverse("portal:activities") + "?" + urlencode({"place": node.code, **params})


def figures(node, start, end) -> list[Figure]:
    f = public_service_figures(node=node, start=start, end=end)
    month = f"{start:%Y-%m}"
    hours = f["hours"].normalize()
    return [
        Figure(
            "volunteer_hours",
            _("Volunteer hours this month"),
            float(f["hours"]),
            f"{hours:f}",
            activities_url(node, month=month, view="list"),
        ),
        Figure(
            "activities",
            _("Activities this month"),
            f["activities"],
            str(f["activities"]),
            activities_url(node, month=month),
        ),
    ]


def upcoming(node, *, now=None, limit=BLOCK_SIZE):
    now = now or timezone.now()
    queryset = Activity.objects.public().filter(
        ends_at__gte=now, starts_at__lt=now + timedelta(days=UPCOMING_DAYS)
    )
    if node is not None:
        queryset = queryset.filter(node__path__startswith=node.path)
    return list(
        with_counts(queryset.select_related("venue", "team", "node")).order_by("starts_at", "id")[
            :limit
        ]
    )


def block(request, node) -> dict | None:
    return {"activities": upcoming(node), "more_url": activities_url(node, view="list")}


def search(terms, node, limit) -> list[Hit]:
    queryset = Activity.objects.public().select_related("node", "team")
    if node is not None:
        queryset = queryset.filter(node__path__startswith=node.path)
    for term in terms:
        queryset = queryset.filter(
            Q(title__icontains=term)
            | Q(description__icontains=term)
            | Q(team__name__icontains=term)
        )
    return [
        Hit(
            ResultType.ACTIVITY,
            str(ResultType.ACTIVITY.label),
            a.title,
            shorten(scrub.scrub_text(" ".join(a.description.split())), 80),
            reverse("portal:activity_detail", args=[a.pk]),
            a.starts_at,
        )
        for a in queryset.order_by("-starts_at", "-id")[:limit]
    ]


register_section(
    Section(
        key="volunteering",
        app="gongzhi.volunteering",
        title=gettext_lazy("Activities"),
        order=20,
        figures=figures,
        template="portal/sections/activities.html",
        block=block,
        search=search,
    )
)
