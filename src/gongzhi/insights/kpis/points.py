"""Points KPIs: points awarded and redeemed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.insights.registry import SUM, Kpi, Source, register_kpi, register_source


def _s():
    from gongzhi.points import kpi_selectors

    return kpi_selectors


def _entries(kind_q):
    def records(window, part=None):
        s = _s()
        return s.person_entries(
            path=window["path"], start=window["start"], end=window["end"]
        ).filter(getattr(s, kind_q))

    return records


def register() -> None:
    s = _s()
    register_source(
        Source(
            key="points.entries",
            app="points",
            queryset=s.person_entries,
            aggregates=s.entry_aggregates,
            path_lookup="account__person__node__path",
            time_field="transaction__occurred_at",
        )
    )
    for kpi in [
        Kpi(
            code="points_awarded",
            name=_("points awarded"),
            unit=_("points"),
            kind=SUM,
            source="points.entries",
            num="awarded",
            amount="amount",
            formula=_("points credited to people in the area by awards occurring in the month"),
            records=_entries("AWARDED"),
            record_kind="entry",
            group="points",
            order=60,
        ),
        Kpi(
            code="points_redeemed",
            name=_("points redeemed"),
            unit=_("points"),
            kind=SUM,
            source="points.entries",
            num="redeemed",
            amount="-amount",
            formula=_(
                "points spent by people in the area on redemptions occurring in the month "
                "(a later cancellation counts in its own month)"
            ),
            records=_entries("REDEEMED"),
            record_kind="entry",
            group="points",
            order=61,
        ),
    ]:
        register_kpi(kpi)
