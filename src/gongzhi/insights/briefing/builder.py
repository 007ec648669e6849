"""Building a month's briefing (工作简报) from the figures: Chinese prose in which every number
is a part bound to a KPI (its code, node, month and value), never typed.

A paragraph is a list of parts: plain strings, or number parts
``{"kpi": code, "node": code, "period": "YYYY-MM", "value": v, "text": "12", "kind": "value"}``
(``kind`` "delta" for a change against last month, with both values). The wording comes from
the translation catalogue and is always built in Chinese.
"""

from __future__ import annotations

import re

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gongzhi.insights.briefing.photos import month_photos
from gongzhi.insights.formatting import delta_display, display
from gongzhi.insights.periods import Period
from gongzhi.insights.registry import KPIS, RATE
from gongzhi.insights.selectors import figures
from gongzhi.org.models import Node

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
BRIEFING_LANGUAGE = "zh-hans"


def number(code, node, period, value, *, kind="value", previous=None):
    kpi = KPIS.get(code)
    part = {
        "kpi": code,
        "node": node.code,
        "period": period.key,
        "value": value,
        "kind": kind,
        "text": delta_display(kpi, value) if kind == "delta" else display(kpi, value),
    }
    if kind == "delta":
        part["previous"] = previous
    return part


def sentence(template: str, **values) -> list:
    """Split a translated template at its ``%(name)s`` placeholders into parts."""
    parts: list = []
    pos = 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > pos:
            parts.append(template[pos : match.start()])
        value = values[match[1]]
        parts.append(value if isinstance(value, dict) else str(value))
        pos = match.end()
    if pos < len(template):
        parts.append(template[pos:])
    return parts


def _has(*codes):
    return all(code in KPIS for code in codes)


def _headline(node, period, f):
    n = lambda code: number(code, node, period, f.value(code))  # noqa: E731
    paragraphs = []
    if _has("cases_received", "cases_closed", "closed_on_time_rate"):
        paragraphs.append(
            sentence(
                _(
                    "This month %(received)s cases were received and %(accepted)s accepted; "
                    "%(closed)s were closed, %(on_time)s of them on time, with a rework rate of "
                    "%(rework)s. At the end of the month %(overdue)s open cases were overdue and "
                    "%(escalated)s cases had been escalated."
                ),
                received=n("cases_received"),
                accepted=n("cases_accepted"),
                closed=n("cases_closed"),
                on_time=n("closed_on_time_rate"),
                rework=n("rework_rate"),
                overdue=n("overdue_open"),
                escalated=n("escalations"),
            )
        )
        paragraphs.append(
            sentence(
                _(
                    "In the follow-up calls the contact rate was %(contact)s, the resolution rate "
                    "%(resolution)s and the satisfaction rate %(satisfaction)s."
                ),
                contact=n("contact_rate"),
                resolution=n("resolution_rate"),
                satisfaction=n("satisfaction_rate"),
            )
        )
    return paragraphs


def _change(node, period, f):
    previous = period.previous()
    paragraphs = []
    for code in ("cases_received", "cases_closed", "closed_on_time_rate", "volunteer_hours"):
        if code not in KPIS:
            continue
        now, before = f.value(code, period), f.value(code, previous)
        kpi = KPIS[code]
        if now is None or before is None:
            continue
        delta = round(now - before, 4) if isinstance(now, float) else now - before
        values = {
            "name": str(kpi.name),
            "now": number(code, node, period, now),
            "before": number(code, node, previous, before),
            "delta": number(code, node, period, delta, kind="delta", previous=before),
        }
        if delta == 0:
            template = _("%(name)s: %(now)s, the same as last month.")
        elif kpi.kind == RATE:
            template = (
                _("%(name)s: %(now)s, up %(delta)s points on last month (%(before)s).")
                if delta > 0
                else _("%(name)s: %(now)s, down %(delta)s points on last month (%(before)s).")
            )
        else:
            template = (
                _("%(name)s: %(now)s, %(delta)s more than last month (%(before)s).")
                if delta > 0
                else _("%(name)s: %(now)s, %(delta)s fewer than last month (%(before)s).")
            )
        paragraphs.append(sentence(template, **values))
    return paragraphs


def _ranking(node, period, by_child, children):
    code = "closed_on_time_rate"
    if code not in KPIS or not children:
        return [], []
    rated = [
        (c, by_child.value(code, period, c.path))
        for c in children
        if by_child.value(code, period, c.path) is not None
    ]
    if not rated:
        return [sentence(_("No case was closed in any part of the area this month."))], []
    rated.sort(key=lambda item: (-item[1], item[0].path))
    best, worst = rated[0], rated[-1]
    if len(rated) == 1:
        paragraphs = [
            sentence(
                _("Closing on time: only %(best)s closed cases, with %(best_rate)s."),
                best=best[0].name,
                best_rate=number(code, best[0], period, best[1]),
            )
        ]
    else:
        paragraphs = [
            sentence(
                _(
                    "Closing on time, %(best)s did best with %(best_rate)s; %(worst)s lagged "
                    "with %(worst_rate)s."
                ),
                best=best[0].name,
                best_rate=number(code, best[0], period, best[1]),
                worst=worst[0].name,
                worst_rate=number(code, worst[0], period, worst[1]),
            )
        ]
    table = [
        {
            "node": c.code,
            "name": c.name,
            "values": {
                k: by_child.value(k, period, c.path)
                for k in ("cases_received", "cases_closed", "closed_on_time_rate")
                if k in KPIS
            },
        }
        for c, _rate in rated
    ]
    return paragraphs, table


def _notable_cases(node, period):
    if "cases_closed" not in KPIS:
        return []
    from gongzhi.insights.selectors import records

    closed = (
        records(KPIS["cases_closed"], node, period)
        .select_related("category", "node")
        .order_by("-support_count", "reported_at", "pk")[:3]
    )
    return [
        sentence(
            _("Case %(reference)s (%(category)s, %(grid)s) was closed."),
            reference=c.reference,
            category=c.category.name,
            grid=c.node.name,
        )
        for c in closed
    ]


def _enforcement(node, period, f):
    if not _has("structures_found"):
        return []
    n = lambda code: number(code, node, period, f.value(code))  # noqa: E731
    return [
        sentence(
            _(
                "%(found)s illegal structures were found and %(demolished)s demolished, "
                "removing %(area)s m²; %(within_day)s of the findings had their stop order "
                "within a day (查违不过日) and %(within_week)s of the demolitions came within a "
                "week of the notice (拆违不过周); %(revisits)s revisits were made."
            ),
            found=n("structures_found"),
            demolished=n("structures_demolished"),
            area=n("area_demolished_m2"),
            within_day=n("found_to_notice_within_day_rate"),
            within_week=n("notice_to_demolition_within_week_rate"),
            revisits=n("revisits_done"),
        )
    ]


def _volunteering(node, period, f):
    n = lambda code: number(code, node, period, f.value(code))  # noqa: E731
    paragraphs = []
    if _has("volunteer_hours"):
        paragraphs.append(
            sentence(
                _(
                    "%(activities)s volunteer activities were held; %(people)s volunteers gave "
                    "%(hours)s hours of service."
                ),
                activities=n("activities_held"),
                people=n("volunteers_active"),
                hours=n("volunteer_hours"),
            )
        )
    if _has("points_awarded"):
        paragraphs.append(
            sentence(
                _("%(awarded)s points were awarded and %(redeemed)s redeemed in the points store."),
                awarded=n("points_awarded"),
                redeemed=n("points_redeemed"),
            )
        )
    return paragraphs


def _participation(node, period, f):
    n = lambda code: number(code, node, period, f.value(code))  # noqa: E731
    paragraphs = []
    if _has("councils_held", "councils_due"):
        paragraphs.append(
            sentence(
                _("%(held)s councils were held; %(due)s places must meet every month."),
                held=n("councils_held"),
                due=n("councils_due"),
            )
        )
    if _has("demands_raised", "demands_done", "tasks_overdue", "board_posts"):
        paragraphs.append(
            sentence(
                _(
                    "Residents raised %(raised)s demands and %(done)s were done; %(overdue)s "
                    "tasks on the task list were overdue at the end of the month; %(posts)s "
                    "photos went up on the praise and exposure boards."
                ),
                raised=n("demands_raised"),
                done=n("demands_done"),
                overdue=n("tasks_overdue"),
                posts=n("board_posts"),
            )
        )
    if "demands_done" in KPIS:
        from gongzhi.core.scrub import scrub_text
        from gongzhi.insights.selectors import records

        done = (
            records(KPIS["demands_done"], node, period)
            .select_related("node")
            .order_by("-done_at", "pk")[:3]
        )
        for demand in done:
            paragraphs.append(
                sentence(
                    _("Done: %(title)s (%(grid)s)."),
                    title=scrub_text(demand.title)[:80],
                    grid=demand.node.name,
                )
            )
    return paragraphs


def _charity(node, period, f):
    if not _has("donated_items_received", "donated_items_delivered"):
        return []
    n = lambda code: number(code, node, period, f.value(code))  # noqa: E731
    return [
        sentence(
            _("%(received)s donated items were received and %(delivered)s delivered."),
            received=n("donated_items_received"),
            delivered=n("donated_items_delivered"),
        )
    ]


SECTION_TITLES = {
    "headline": gettext_noop("Overview"),
    "change": gettext_noop("Against last month"),
    "ranking": gettext_noop("Best and weakest"),
    "cases": gettext_noop("Notable closed cases"),
    "enforcement": gettext_noop("Illegal structures"),
    "volunteering": gettext_noop("Volunteering and points"),
    "participation": gettext_noop("Councils, demands and boards"),
    "charity": gettext_noop("Charity"),
}


def build(node: Node, period: Period, *, now=None) -> dict:
    """The briefing's content for ``node`` and ``period``, computed from the records now."""
    now = now or timezone.now()
    months = [period.shift(-12), *[period.shift(-i) for i in range(11, -1, -1)]]
    months = sorted(set(months))
    children = list(Node.objects.filter(path__startswith=node.path, depth=node.depth + 1))
    with translation.override(BRIEFING_LANGUAGE):
        f = figures(node, months, group=None, now=now, moments=[period, period.previous()])
        by_child = figures(node, period, group="child", now=now, codes=list(_ranking_codes()))
        ranking, table = _ranking(node, period, by_child, children)
        sections = [
            ("headline", _headline(node, period, f)),
            ("change", _change(node, period, f)),
            ("ranking", ranking),
            ("cases", _notable_cases(node, period)),
            ("enforcement", _enforcement(node, period, f)),
            ("volunteering", _volunteering(node, period, f)),
            ("participation", _participation(node, period, f)),
            ("charity", _charity(node, period, f)),
        ]
        titles = {key: _(title) for key, title in SECTION_TITLES.items()}
        title = _("%(node)s work briefing, %(year)d-%(month)02d") % {
            "node": node.name,
            "year": period.year,
            "month": period.month,
        }
    trend = {
        code: [{"period": m.key, "value": f.value(code, m)} for m in months[-12:]]
        for code in ("cases_received", "cases_closed", "closed_on_time_rate")
        if code in KPIS
    }
    return {
        "title": title,
        "node": node.code,
        "node_name": node.name,
        "period": period.key,
        "as_of": f.as_of.isoformat(),
        "sections": [
            {"key": key, "title": titles[key], "paragraphs": paragraphs}
            for key, paragraphs in sections
            if paragraphs
        ],
        "numbers": f.values(period),
        "ranking": table,
        "trend": trend,
        "photos": month_photos(node, period),
    }


def _ranking_codes():
    return [c for c in ("cases_received", "cases_closed", "closed_on_time_rate") if c in KPIS]


def bound_numbers(content: dict) -> dict:
    """Every number part of ``content``, keyed ``code@node@period@kind`` → value."""
    found = {}
    for section in content.get("sections", []):
        for paragraph in section["paragraphs"]:
            for part in paragraph:
                if isinstance(part, dict):
                    key = f"{part['kpi']}@{part['node']}@{part['period']}@{part['kind']}"
                    found[key] = part["value"]
    return found


def plain_text(paragraph) -> str:
    return "".join(p["text"] if isinstance(p, dict) else p for p in paragraph)
