"""The charity app's link in the top bar and its panel on the signed-in home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.core.dashboard import register_panel
from gongzhi.core.nav import register_nav_link


def _works_in_charity(request) -> bool:
    from gongzhi.charity.permissions import VIEW, is_delivery_volunteer  # noqa: F401
    from gongzhi.org.access import user_scope

    user = request.user
    if not user.is_authenticated:
        return False
    scope = user_scope(user)
    if scope.is_global or scope.paths_for(VIEW):
        return True
    from gongzhi.charity.models import Delivery, OrganisationStaff

    return (
        OrganisationStaff.objects.filter(user=user).exists()
        or Delivery.objects.filter(volunteers__user=user).exists()
    )


def _panel(request):
    if not _works_in_charity(request):
        return None
    from gongzhi.charity.selectors import my_open_deliveries

    return {"deliveries": my_open_deliveries(request.user)[:5]}


def register() -> None:
    register_nav_link(
        "charity.public",
        url_name="charity:public_index",
        label=_("Charity"),
        order=70,
        sections=("charity",),
    )
    register_nav_link(
        "charity.staff",
        url_name="charity:staff_index",
        label=_("Charity work"),
        order=71,
        visible=_works_in_charity,
    )
    register_panel("charity.work", template="charity/panels/work.html", context=_panel, order=60)
