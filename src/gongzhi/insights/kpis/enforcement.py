"""Enforcement KPIs: structures found and demolished, area, 查违不过日, 拆违不过周, revisits."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.insights.registry import COUNT, RATE, SUM, Kpi, Source, register_kpi, register_source


def _s():
    from gongzhi.enforcement.selectors import kpis

    return kpis


def _w(window):
    return {k: window[k] for k in ("path", "start", "end")}


def _found(window, part=None):
    return _s().structures_found(**_w(window))


def _demolished(window, part=None):
    return _s().structures_demolished(**_w(window))


def _within_day(window, part="num"):
    found = _found(window)
    q = _s().stop_order_within_day()
    if part == "den":
        return found
    if part == "rest":
        return found.exclude(q)
    return found.filter(q)


def _within_week(window, part="num"):
    s = _s()
    noticed = _demolished(window).filter(s.after_notice())
    if part == "den":
        return noticed
    if part == "rest":
        return noticed.exclude(s.within_week_of_notice())
    return noticed.filter(s.within_week_of_notice())


def _revisits(window, part=None):
    return _s().revisits_done(**_w(window))


def register() -> None:
    s = _s()
    for source in [
        Source(
            key="enforcement.found",
            app="enforcement",
            queryset=s.structures_found,
            aggregates=s.found_aggregates,
            path_lookup="node__path",
            time_field="found_at",
        ),
        Source(
            key="enforcement.demolished",
            app="enforcement",
            queryset=s.structures_demolished,
            aggregates=s.demolished_aggregates,
            path_lookup="node__path",
            time_field="demolished_on",
            time_is_date=True,
        ),
        Source(
            key="enforcement.revisits",
            app="enforcement",
            queryset=s.revisits_done,
            aggregates=s.revisit_aggregates,
            path_lookup="record__node__path",
            time_field="done_at",
        ),
    ]:
        register_source(source)
    common = {"group": "enforcement", "record_kind": "structure"}
    for kpi in [
        Kpi(
            code="structures_found",
            name=_("illegal structures found"),
            unit=_("structures"),
            kind=COUNT,
            source="enforcement.found",
            num="found",
            formula=_("illegal-structure records whose finding time falls in the month"),
            records=_found,
            order=40,
            **common,
        ),
        Kpi(
            code="structures_demolished",
            name=_("structures demolished"),
            unit=_("structures"),
            kind=COUNT,
            source="enforcement.demolished",
            num="demolished",
            formula=_("records whose demolition date falls in the month"),
            records=_demolished,
            order=41,
            **common,
        ),
        Kpi(
            code="area_demolished_m2",
            name=_("area demolished"),
            unit="m²",
            kind=SUM,
            source="enforcement.demolished",
            num="area",
            amount="area_removed",
            formula=_("sum of the area removed of the records demolished in the month"),
            records=_demolished,
            order=42,
            **common,
        ),
        Kpi(
            code="found_to_notice_within_day_rate",
            name=_("stop order within a day (查违不过日)"),
            unit="%",
            kind=RATE,
            source="enforcement.found",
            num="noticed_within_day",
            den="found",
            formula=_(
                "records found in the month whose stop order was served no later than the day "
                "after the finding ÷ records found in the month"
            ),
            records=_within_day,
            order=43,
            **common,
        ),
        Kpi(
            code="notice_to_demolition_within_week_rate",
            name=_("demolished within a week (拆违不过周)"),
            unit="%",
            kind=RATE,
            source="enforcement.demolished",
            num="within_week",
            den="after_notice",
            formula=_(
                "records demolished in the month at most 7 days after the last demolition "
                "order, reminder or forced-demolition notice served ÷ records demolished in "
                "the month after such a notice"
            ),
            records=_within_week,
            order=44,
            **common,
        ),
        Kpi(
            code="revisits_done",
            name=_("revisits done"),
            unit=_("revisits"),
            kind=COUNT,
            source="enforcement.revisits",
            num="revisits",
            formula=_("revisits (回头看) of demolished structures recorded in the month"),
            records=_revisits,
            order=45,
            group="enforcement",
            record_kind="structure_revisit",
        ),
    ]:
        register_kpi(kpi)
