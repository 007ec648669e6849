"""Volunteering KPIs: service hours, activities held, active volunteers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.insights.registry import COUNT, SUM, Kpi, Source, register_kpi, register_source

FILTERS = frozenset({"programme"})


def _s():
    from gongzhi.volunteering import kpi_selectors

    return kpi_selectors


def _attendances(window, part=None):
    return _s().attendances(
        path=window["path"],
        start=window["start"],
        end=window["end"],
        programme=window.get("programme"),
    )


def _activities(window, part=None):
    from gongzhi.volunteering.models import Activity

    return Activity.objects.filter(pk__in=_attendances(window).values("activity_id"))


def _people(window, part=None):
    from gongzhi.org.models import Person

    return Person.objects.filter(pk__in=_attendances(window).values("person_id"))


def register() -> None:
    s = _s()
    register_source(
        Source(
            key="volunteering.attendances",
            app="volunteering",
            queryset=s.attendances,
            aggregates=lambda: {**s.attendance_aggregates(), **s.person_aggregates()},
            path_lookup="activity__node__path",
            time_field="check_in_at",
            filters=FILTERS,
            non_additive=frozenset(s.person_aggregates()),
        )
    )
    common = {"group": "volunteering", "filters": FILTERS}
    for kpi in [
        Kpi(
            code="volunteer_hours",
            name=_("volunteer service hours"),
            unit=_("hours"),
            kind=SUM,
            source="volunteering.attendances",
            num="hours",
            amount="hours",
            formula=_("sum of the service hours of the check-ins in the month"),
            records=_attendances,
            record_kind="attendance",
            order=50,
            **common,
        ),
        Kpi(
            code="activities_held",
            name=_("activities held"),
            unit=_("activities"),
            kind=COUNT,
            source="volunteering.attendances",
            num="activities",
            formula=_("activities with at least one volunteer checked in during the month"),
            records=_activities,
            record_kind="activity",
            order=51,
            **common,
        ),
        Kpi(
            code="volunteers_active",
            name=_("active volunteers"),
            unit=_("people"),
            kind=COUNT,
            source="volunteering.attendances",
            num="volunteers",
            formula=_("distinct people checked in at an activity in the month"),
            records=_people,
            record_kind="person",
            order=52,
            **common,
        ),
    ]:
        register_kpi(kpi)
