"""The case loop's links in the top bar and its panel on the home page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.cases import permissions as perms

STAFF_SECTIONS = (
    "cases:queue",
    "cases:case_detail",
    "cases:staff_new",
    "cases:finding_new",
    "cases:import_hotline",
    "cases:bulk_dispatch",
)
# Queues counted on the home panel (each is one COUNT query).
PANEL_QUEUES = (
    "mine",
    "awaiting_acceptance",
    "awaiting_dispatch",
    "overdue",
    "awaiting_verification",
)


def _signed_in(request) -> bool:
    return request.user.is_authenticated


def _has_queues(request) -> bool:
    from gongzhi.cases.selectors import queues_for

    return request.user.is_authenticated and bool(queues_for(request.user))


def _resident(request) -> bool:
    return request.user.is_authenticated and not _has_queues(request)


def _sees_map(request) -> bool:
    from gongzhi.cases.views.common import holds_anywhere

    return request.user.is_authenticated and holds_anywhere(request.user, perms.VIEW)


def _does_revisits(request) -> bool:
    from gongzhi.cases.views.common import holds_anywhere

    return request.user.is_authenticated and holds_anywhere(request.user, perms.REVISIT)


def _unread(request) -> int:
    from gongzhi.cases.selectors import unread_count

    return unread_count(request.user) if request.user.is_authenticated else 0


def register_navigation() -> None:
    from gongzhi.core.dashboard import register_panel
    from gongzhi.core.nav import register_nav_link

    register_nav_link(
        "cases.queue",
        url_name="cases:queue",
        label=_("Cases"),
        order=30,
        visible=_has_queues,
        sections=STAFF_SECTIONS,
    )
    register_nav_link(
        "cases.map", url_name="cases:map", label=_("Case map"), order=31, visible=_sees_map
    )
    register_nav_link(
        "cases.revisits",
        url_name="cases:revisits",
        label=_("Revisits"),
        order=31,
        visible=_does_revisits,
        sections=("cases:revisits",),
    )
    register_nav_link("cases.report", url_name="report:new", label=_("Report a problem"), order=32)
    register_nav_link(
        "cases.mine",
        url_name="report:mine",
        label=_("My reports"),
        order=33,
        visible=_resident,
        sections=("report:mine", "report:case"),
    )
    register_nav_link(
        "cases.notifications",
        url_name="cases:notifications",
        label=_("Messages"),
        order=90,
        visible=_signed_in,
        badge=_unread,
        badge_label=_("unread messages"),
    )
    register_panel("cases.work", template="cases/panels/work.html", context=panel, order=20)


def panel(request):
    """The home panel: the user's queues with counts, or their latest reports (none for a
    user with neither)."""
    from gongzhi.cases.selectors import case_queue, my_reports, queues_for
    from gongzhi.cases.views.common import QUEUE_LABELS, holds_anywhere

    user = request.user
    queues = queues_for(user)
    if not queues:
        reports = list(my_reports(user)[:3])
        return {"reports": reports} if reports else None
    now = timezone.now()
    return {
        "queues": [
            (q, QUEUE_LABELS[q], case_queue(user, q, now=now).count())
            for q in queues
            if q in PANEL_QUEUES
        ],
        "can_enter": holds_anywhere(user, perms.REPORT_FOR_OTHERS),
    }
