"""The points app in the portal: points redeemed in the community's store this month."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.org.choices import LEVEL_ORDER, Level
from gongzhi.points.selectors import points_redeemed
from gongzhi.portal.sections import Figure, Section, register_section


def figures(node, start, end) -> list[Figure]:
    total = points_redeemed(node=node, start=start, end=end)
    url = (
        reverse("points:wall", args=[node.code])
        if LEVEL_ORDER.index(node.level) >= LEVEL_ORDER.index(Level.COMMUNITY)
        else reverse("points:wall_index")
    )
    return [Figure("points_redeemed", _("Points redeemed this month"), total, str(total), url)]


register_section(
    Section(
        key="points",
        app="gongzhi.points",
        title=gettext_lazy("Points"),
        order=30,
        figures=figures,
    )
)
