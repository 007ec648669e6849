"""Participation KPIs: councils due and held, demands raised and done, board posts approved."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.insights.registry import COUNT, Kpi, Source, register_kpi, register_source


def _s():
    from gongzhi.participation import kpi_selectors

    return kpi_selectors


def _records(name):
    def records(window, part=None):
        return getattr(_s(), name)(path=window["path"], start=window["start"], end=window["end"])

    return records


# (code, name, unit, selector, time field, formula, record kind)
_COUNTS = [
    (
        "councils_held",
        _("councils held"),
        _("councils"),
        "councils_held",
        "starts_at",
        _("councils under the node that started in the month and were held"),
        "council",
    ),
    (
        "demands_raised",
        _("demands raised"),
        _("demands"),
        "demands_raised",
        "created_at",
        _("residents' demands under the node raised in the month"),
        "demand",
    ),
    (
        "demands_done",
        _("demands done"),
        _("demands"),
        "demands_done",
        "done_at",
        _("demands under the node that reached done in the month"),
        "demand",
    ),
    (
        "board_posts",
        _("board posts approved"),
        _("posts"),
        "posts_approved",
        "moderated_at",
        _("posts on the praise and exposure boards approved in the month and still public"),
        "post",
    ),
]


# Point-in-time counts: (code, name, unit, selector, path lookup, formula, record kind, order)
_STATES = [
    (
        "councils_due",
        _("councils due"),
        _("councils"),
        "councils_due_at",
        "path",
        _(
            "nodes under the node at a level that must hold a council every month "
            "(today's tree and compliance rules)"
        ),
        "node",
        69,
    ),
    (
        "tasks_overdue",
        _("tasks overdue"),
        _("tasks"),
        "tasks_overdue_at",
        "node__path",
        _("tasks under the node past their due time and not done at the end of the month"),
        "task",
        75,
    ),
]


def _state_records(name):
    def records(window, part=None):
        return getattr(_s(), name)(path=window["path"], moment=window["moment"])

    return records


def _register_count(code, name, unit, formula, kind, order, records, **source) -> None:
    register_source(
        Source(
            key=f"participation.{code}",
            app="participation",
            aggregates=_s().count_aggregates,
            **source,
        )
    )
    register_kpi(
        Kpi(
            code=code,
            name=name,
            unit=unit,
            kind=COUNT,
            source=f"participation.{code}",
            num="n",
            formula=formula,
            records=records,
            record_kind=kind,
            group="participation",
            order=order,
        )
    )


def register() -> None:
    s = _s()
    for code, name, unit, selector, path_lookup, formula, kind, order in _STATES:
        _register_count(
            code,
            name,
            unit,
            formula,
            kind,
            order,
            _state_records(selector),
            queryset=getattr(s, selector),
            path_lookup=path_lookup,
            time_field="",
            at_moment=True,
        )
    for order, (code, name, unit, selector, time_field, formula, kind) in enumerate(_COUNTS):
        _register_count(
            code,
            name,
            unit,
            formula,
            kind,
            70 + order,
            _records(selector),
            queryset=getattr(s, selector),
            path_lookup="node__path",
            time_field=time_field,
        )
