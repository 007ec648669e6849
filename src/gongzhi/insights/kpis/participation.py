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


def _overdue(window, part=None):
    return _s().tasks_overdue_at(path=window["path"], moment=window["moment"])


def _due(window, part=None):
    return _s().councils_due_at(path=window["path"], moment=window["moment"])


def register() -> None:
    s = _s()
    register_source(
        Source(
            key="participation.tasks_overdue",
            app="participation",
            queryset=s.tasks_overdue_at,
            aggregates=s.count_aggregates,
            path_lookup="node__path",
            time_field="due_at",
            at_moment=True,
        )
    )
    register_kpi(
        Kpi(
            code="tasks_overdue",
            name=_("tasks overdue"),
            unit=_("tasks"),
            kind=COUNT,
            source="participation.tasks_overdue",
            num="n",
            formula=_(
                "tasks under the node past their due time and not done at the end of the month"
            ),
            records=_overdue,
            record_kind="task",
            group="participation",
            order=75,
        )
    )
    register_source(
        Source(
            key="participation.councils_due",
            app="participation",
            queryset=s.councils_due_at,
            aggregates=s.count_aggregates,
            path_lookup="path",
            time_field="path",
            at_moment=True,
        )
    )
    register_kpi(
        Kpi(
            code="councils_due",
            name=_("councils due"),
            unit=_("councils"),
            kind=COUNT,
            source="participation.councils_due",
            num="n",
            formula=_(
                "nodes under the node at a level that must hold a council every month "
                "(today's tree and compliance rules)"
            ),
            records=_due,
            record_kind="node",
            group="participation",
            order=69,
        )
    )
    for order, (code, name, unit, selector, time_field, formula, kind) in enumerate(_COUNTS):
        register_source(
            Source(
                key=f"participation.{code}",
                app="participation",
                queryset=getattr(s, selector),
                aggregates=s.count_aggregates,
                path_lookup="node__path",
                time_field=time_field,
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
                records=_records(selector),
                record_kind=kind,
                group="participation",
                order=70 + order,
            )
        )
