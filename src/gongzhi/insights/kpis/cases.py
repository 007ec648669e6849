"""Case KPIs: received, accepted, closed, on time, rework, the 三率, overdue, escalations."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from gongzhi.insights.registry import COUNT, RATE, Kpi, Source, register_kpi, register_source

CASE_FILTERS = frozenset({"force", "category"})


def _s():
    from gongzhi.cases.selectors import kpis

    return kpis


def _events_window(window):
    return {k: window[k] for k in ("path", "start", "end", "force", "category") if k in window}


def _received(window, part=None):
    return _s().reported_cases(**_events_window(window))


def _with(q_name):
    def records(window, part=None):
        s = _s()
        q = getattr(s, q_name)
        q = q() if callable(q) else q
        return s.cases_with_event(q, **_events_window(window))

    return records


def _closing_rate(q_name):
    def records(window, part="num"):
        s = _s()
        closed = s.cases_with_event(s.CLOSED, **_events_window(window))
        if part == "den":
            return closed
        good = _with(q_name)(window)
        if part == "rest":
            return closed.exclude(pk__in=good.values("pk"))
        return good

    return records


def _ratings(flag):
    def records(window, part="num"):
        ratings = _s().ratings_given(**_events_window(window))
        if part == "den":
            return ratings
        if part == "rest":
            return ratings.filter(**{flag: False})
        return ratings.filter(**{flag: True})

    return records


def _overdue(window, part=None):
    w = _events_window(window)
    return _s().open_overdue_at(
        path=w["path"],
        moment=window["moment"],
        force=w.get("force"),
        category=w.get("category"),
    )


def _escalated(window, part=None):
    return _s().escalated_cases(**_events_window(window))


def register() -> None:
    s = _s()
    register_source(
        Source(
            key="cases.reported",
            app="cases",
            queryset=s.reported_cases,
            aggregates=lambda: {"received": Count("pk")},
            path_lookup="node__path",
            time_field="reported_at",
            filters=CASE_FILTERS,
            category_lookup="category__code",
        )
    )
    register_source(
        Source(
            key="cases.events",
            app="cases",
            queryset=s.case_events,
            aggregates=s.event_aggregates,
            path_lookup="case__node__path",
            time_field="created_at",
            filters=CASE_FILTERS,
            category_lookup="case__category__code",
        )
    )
    register_source(
        Source(
            key="cases.ratings",
            app="cases",
            queryset=s.ratings_given,
            aggregates=s.rating_aggregates,
            path_lookup="case__node__path",
            time_field="created_at",
            filters=CASE_FILTERS,
            category_lookup="case__category__code",
        )
    )
    register_source(
        Source(
            key="cases.escalations",
            app="cases",
            queryset=s.escalations,
            aggregates=lambda: {"escalated": Count("case", distinct=True)},
            path_lookup="case__node__path",
            time_field="created_at",
            filters=CASE_FILTERS,
            category_lookup="case__category__code",
        )
    )
    register_source(
        Source(
            key="cases.overdue",
            app="cases",
            queryset=s.open_overdue_at,
            aggregates=lambda: {"overdue": Count("pk")},
            path_lookup="node__path",
            time_field="reported_at",
            filters=CASE_FILTERS,
            category_lookup="category__code",
            at_moment=True,
        )
    )
    common = {"group": "cases", "filters": CASE_FILTERS, "record_kind": "case"}
    for kpi in [
        Kpi(
            code="cases_received",
            name=_("cases received"),
            unit=_("cases"),
            kind=COUNT,
            source="cases.reported",
            num="received",
            formula=_("cases in the area whose report time falls in the month"),
            records=_received,
            order=10,
            **common,
        ),
        Kpi(
            code="cases_accepted",
            name=_("cases accepted"),
            unit=_("cases"),
            kind=COUNT,
            source="cases.events",
            num="accepted",
            formula=_("cases accepted (立案) in the month, by the time of the acceptance event"),
            records=_with("ACCEPTED"),
            order=11,
            **common,
        ),
        Kpi(
            code="cases_closed",
            name=_("cases closed"),
            unit=_("cases"),
            kind=COUNT,
            source="cases.events",
            num="closed",
            formula=_(
                "cases closed (verified and closed) in the month, each case once, by the time "
                "of the closing event; a later reopening does not undo it"
            ),
            records=_with("CLOSED"),
            order=12,
            **common,
        ),
        Kpi(
            code="closed_on_time_rate",
            name=_("closed on time"),
            unit="%",
            kind=RATE,
            source="cases.events",
            num="closed_on_time",
            den="closed",
            formula=_(
                "cases closed in the month whose every step up to that closing kept its "
                "deadline ÷ cases closed in the month"
            ),
            records=_closing_rate("ON_TIME"),
            order=13,
            **common,
        ),
        Kpi(
            code="rework_rate",
            name=_("rework rate"),
            unit="%",
            kind=RATE,
            source="cases.events",
            num="closed_reworked",
            den="closed",
            formula=_(
                "cases closed in the month that went through rework (返工) at least once before "
                "that closing ÷ cases closed in the month"
            ),
            records=_closing_rate("reworked_before_closing"),
            order=14,
            **common,
        ),
        Kpi(
            code="contact_rate",
            name=_("contact rate"),
            unit="%",
            kind=RATE,
            source="cases.ratings",
            num="contacted",
            den="ratings",
            formula=_("follow-ups given in the month saying contacted ÷ follow-ups given"),
            records=_ratings("contacted"),
            order=20,
            group="cases",
            filters=CASE_FILTERS,
            record_kind="rating",
        ),
        Kpi(
            code="resolution_rate",
            name=_("resolution rate"),
            unit="%",
            kind=RATE,
            source="cases.ratings",
            num="solved",
            den="ratings",
            formula=_("follow-ups given in the month saying solved ÷ follow-ups given"),
            records=_ratings("solved"),
            order=21,
            group="cases",
            filters=CASE_FILTERS,
            record_kind="rating",
        ),
        Kpi(
            code="satisfaction_rate",
            name=_("satisfaction rate"),
            unit="%",
            kind=RATE,
            source="cases.ratings",
            num="satisfied",
            den="ratings",
            formula=_(
                "follow-ups given in the month saying satisfied or basically satisfied ÷ "
                "follow-ups given"
            ),
            records=_ratings("satisfied"),
            order=22,
            group="cases",
            filters=CASE_FILTERS,
            record_kind="rating",
        ),
        Kpi(
            code="overdue_open",
            name=_("overdue open cases"),
            unit=_("cases"),
            kind=COUNT,
            source="cases.overdue",
            num="overdue",
            formula=_(
                "cases open at the end of the month (or now, for the running month) whose "
                "current step had passed its deadline, by the state and deadline of the "
                "case's last move before that moment"
            ),
            records=_overdue,
            order=30,
            **common,
        ),
        Kpi(
            code="escalations",
            name=_("escalated cases"),
            unit=_("cases"),
            kind=COUNT,
            source="cases.escalations",
            num="escalated",
            formula=_("cases escalated (督办) at least once in the month"),
            records=_escalated,
            order=31,
            **common,
        ),
    ]:
        register_kpi(kpi)
