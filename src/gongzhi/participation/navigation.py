"""Participation's links in the top bar, its home panel and its panel on the case page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.participation import permissions as perms


def _staff(request) -> bool:
    from gongzhi.org.access import user_scope

    user = request.user
    if not user.is_authenticated:
        return False
    scope = user_scope(user)
    return scope.is_global or bool(scope.paths_for(perms.VIEW))


def home_panel(request):
    if not _staff(request):
        return None
    from gongzhi.participation.selectors import staff_counts

    return {"counts": staff_counts(request.user)}


def case_panel(request, case):
    """The council, demand or board post a case came from (the case page's related panel)."""
    from gongzhi.participation.selectors import origins_of_case

    origins = origins_of_case(case)
    return {"origins": origins} if origins else None


def register_navigation() -> None:
    from gongzhi.core.dashboard import register_panel
    from gongzhi.core.nav import register_nav_link

    register_nav_link(
        "participation.public",
        url_name="participation:demands",
        label=_("Demands and tasks"),
        order=40,
        sections=("participation",),
    )
    register_nav_link(
        "participation.staff",
        url_name="participation:staff_home",
        label=_("Councils"),
        order=41,
        visible=_staff,
    )
    register_panel(
        "participation.work",
        template="participation/panels/home.html",
        context=home_panel,
        order=35,
    )
    try:
        from gongzhi.cases.related import register_case_panel
    except ImportError:  # an older cases app without the registry
        return
    register_case_panel(
        "participation.origin", template="participation/panels/case_origin.html", context=case_panel
    )
