"""Charity KPIs: donated goods received and delivered (item counts)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.insights.registry import SUM, Kpi, Source, register_kpi, register_source


def _s():
    from gongzhi.charity import kpi_selectors

    return kpi_selectors


def _records(name):
    def records(window, part=None):
        return getattr(_s(), name)(path=window["path"], start=window["start"], end=window["end"])

    return records


def register() -> None:
    s = _s()
    for key, selector, path_lookup, time_field in [
        ("charity.received", "goods_received", "drive__node__path", "created_at"),
        (
            "charity.delivered",
            "goods_delivered",
            "delivery__drive__node__path",
            "delivery__done_at",
        ),
    ]:
        register_source(
            Source(
                key=key,
                app="charity",
                queryset=getattr(s, selector),
                aggregates=s.quantity_aggregates,
                path_lookup=path_lookup,
                time_field=time_field,
            )
        )
    common = {"kind": SUM, "num": "quantity", "amount": "quantity", "group": "charity"}
    for kpi in [
        Kpi(
            code="donated_items_received",
            name=_("donated items received"),
            unit=_("items"),
            source="charity.received",
            formula=_("sum of the quantities of donated goods received into stock in the month"),
            records=_records("goods_received"),
            record_kind="movement",
            order=80,
            **common,
        ),
        Kpi(
            code="donated_items_delivered",
            name=_("donated items delivered"),
            unit=_("items"),
            source="charity.delivered",
            formula=_("sum of the quantities carried by deliveries completed in the month"),
            records=_records("goods_delivered"),
            record_kind="delivery_item",
            order=81,
            **common,
        ),
    ]:
        register_kpi(kpi)
